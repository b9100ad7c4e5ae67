/**
 * A synthetic WordPress export (WXR 1.2) of a given size, for measuring `import wordpress`:
 * `npx tsx bench/generate-wxr.ts /tmp/big.xml 200`. Items carry 3 to 300 comments, some
 * threaded, with non-ASCII text and entities. Written item by item, waiting for the stream to
 * drain, so a 1 GB file needs no more memory than a small one.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SITE = 'https://blog.example.com';

const TEXTS = [
  'Thanks for writing this up &amp; sharing the recipe, it &quot;just works&quot;.',
  'Ça marche très bien chez moi — merci beaucoup ! Größe: 42 cm, naïve façade.',
  '<p>I tried it with <strong>wholemeal</strong> flour &lt;and&gt; it was fine.</p>',
  'これはとても役に立ちました。ありがとうございます 🎉',
  'Одна маленькая вещь: второй шаг занял у меня вдвое больше времени.',
  'Has anyone tried it with <a href="https://example.org/x?a=1&amp;b=2">this one</a>?',
];

/** What a generated file holds: its items and comments (all importable, none skipped). */
export interface GeneratedExport {
  items: number;
  comments: number;
}

/** Writes a WXR file of about `bytes` bytes (it stops at the first item past the size). */
export async function generateWxr(file: string, bytes: number): Promise<GeneratedExport> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let written = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Synthetic blog</title>
<link>${SITE}</link>
<wp:wxr_version>1.2</wp:wxr_version>
`,
  );
  const closing = '</channel>\n</rss>\n';
  let items = 0;
  let comments = 0;
  let id = 0;
  // A fixed linear congruential sequence: the same size gives the same file.
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The low bits of such a sequence repeat with a short period; the high ones do not.
    return Math.floor(seed / 65536) % n;
  };
  while (written + closing.length < bytes) {
    items++;
    const count = random(10) === 0 ? 100 + random(201) : 3 + random(20);
    const first = id + 1;
    let item = `<item>
<title>Post n° ${items} — café &amp; crème</title>
<link>${SITE}/${items}/post-${items}/</link>
<wp:post_id>${items}</wp:post_id>
<wp:post_type><![CDATA[post]]></wp:post_type>
`;
    for (let i = 0; i < count; i++) {
      id++;
      // About a third are replies to an earlier comment on the same item.
      const parent = id > first && random(3) === 0 ? first + random(id - first) : 0;
      const text = `${TEXTS[random(TEXTS.length)]} ${TEXTS[random(TEXTS.length)]} (#${id})`;
      item += `<wp:comment>
<wp:comment_id>${id}</wp:comment_id>
<wp:comment_author><![CDATA[Zoë Ångström ${id % 97}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[reader${id % 997}@example.com]]></wp:comment_author_email>
<wp:comment_author_url>https://reader${id % 13}.example.net/</wp:comment_author_url>
<wp:comment_date><![CDATA[2019-0${1 + (id % 9)}-1${id % 10} 12:34:56]]></wp:comment_date>
<wp:comment_date_gmt><![CDATA[2019-0${1 + (id % 9)}-1${id % 10} 10:34:56]]></wp:comment_date_gmt>
<wp:comment_content>${i % 2 === 0 ? `<![CDATA[${text.replaceAll('&amp;', '&')}]]>` : escapeXml(text)}</wp:comment_content>
<wp:comment_approved><![CDATA[${random(8) === 0 ? '0' : '1'}]]></wp:comment_approved>
<wp:comment_type><![CDATA[comment]]></wp:comment_type>
<wp:comment_parent>${parent}</wp:comment_parent>
</wp:comment>
`;
    }
    comments += count;
    await write(`${item}</item>\n`);
  }
  await write(closing);
  out.end();
  await once(out, 'finish');
  return { items, comments };
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, sizeMb] = process.argv.slice(2);
  const size = Number(sizeMb);
  if (!file || !(size > 0)) {
    console.error('Use "npx tsx bench/generate-wxr.ts OUT.xml SIZE_MB".');
    process.exitCode = 2;
  } else {
    const made = await generateWxr(file, size * 1024 * 1024);
    console.log(`Wrote ${file}: ${made.items} items, ${made.comments} comments.`);
  }
}
