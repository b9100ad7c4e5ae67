/** Set by the build: the content-hashed file name of the widget's stylesheet. */
declare const __STYLESHEET__: string;
