/** Set by the build: the content-hashed file names of the stylesheet and the on-demand modules. */
declare const __STYLESHEET__: string;
declare const __AUTHOR_TOOLS__: string;
declare const __MORE_COMMENTS__: string;
declare const __POSTING__: string;
declare const __LIKES__: string;
declare const __GRAVATAR__: string;
/** The proof-of-work solver, which posting imports itself on a 428. */
declare const __CHALLENGE__: string;
/** Verifying the reader's address, which posting imports itself when they ask. */
declare const __VERIFY__: string;
/** The content hash all the words files of a build share: words-LOCALE-more.HASH.js. */
declare const __WORDS__: string;
