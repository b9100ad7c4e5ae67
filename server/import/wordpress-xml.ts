/**
 * The posts of a WordPress export (WXR 1.0, 1.1 and 1.2) as the file has them, each handed out
 * once its `<item>` has been read with its comments: only one chunk's posts are held at a time.
 * Elements are matched by local name: the `wp:` namespace is `http(s)://wordpress.org/export/1.0/`,
 * `1.1/` or `1.2/` depending on the exporter.
 */
import { ImportRefused } from '../errors.ts';
import { collectElementText, createXmlParser, readXml } from './xml-stream.ts';

/** One `<wp:comment>`, its fields as the file has them (absent fields are undefined). */
export interface WordPressComment {
  fields: Record<string, string>;
}

/** One `<item>` (a post, a page…) with its comments. */
export interface WordPressItem {
  /** The `<link>` of the site's `<channel>`, as read by the end of the chunk that held the item. */
  site: string;
  link: string;
  title: string;
  /** `wp:post_password`: not empty when only readers given the password may see the post. */
  password: string;
  /** `wp:status`: `publish`, `private`, `draft`… */
  status: string;
  /** `wp:post_date_gmt` and `wp:post_date`, as written: `YYYY-MM-DD HH:MM:SS`, or zeros for a draft. */
  dateGmt: string;
  date: string;
  comments: WordPressComment[];
}

/** The item's own fields we read, by local name: RSS's and the `wp:` namespace's. */
const ITEM_FIELDS: Record<
  'rss' | 'wp',
  Record<string, 'link' | 'title' | 'password' | 'status' | 'dateGmt' | 'date'>
> = {
  rss: { link: 'link', title: 'title' },
  wp: { post_password: 'password', status: 'status', post_date_gmt: 'dateGmt', post_date: 'date' },
};

const COMMENT_FIELDS = new Set([
  'comment_id',
  'comment_author',
  'comment_author_email',
  'comment_author_url',
  'comment_date',
  'comment_date_gmt',
  'comment_content',
  'comment_approved',
  'comment_type',
  'comment_parent',
]);

/** Reads the items that have comments; refuses a file that is not a WordPress export. */
export async function* readWordPressItems(
  text: AsyncIterable<string>,
): AsyncGenerator<WordPressItem> {
  const parser = createXmlParser();
  const fieldText = collectElementText(parser);
  let site = '';
  // Local names of the open elements, and whether each is an RSS element (no namespace).
  const path: { name: string; rss: boolean }[] = [];
  const closed: WordPressItem[] = [];
  let item: WordPressItem | null = null;
  let comment: WordPressComment | null = null;
  let sawChannel = false;

  parser.on('opentag', (node) => {
    const name = node.local;
    const rss = node.uri === '';
    const parent = path.at(-1);
    path.push({ name, rss });
    fieldText.opened();
    if (rss && name === 'channel') sawChannel = true;
    if (rss && name === 'item' && parent?.name === 'channel') {
      item = {
        site: '',
        link: '',
        title: '',
        password: '',
        status: '',
        dateGmt: '',
        date: '',
        comments: [],
      };
    } else if (!rss && name === 'comment' && item && parent?.name === 'item') {
      comment = { fields: {} };
    } else if (comment && parent?.name === 'comment' && COMMENT_FIELDS.has(name)) {
      fieldText.keep();
    } else if (rss && (name === 'link' || name === 'title') && parent?.rss) {
      if (parent.name === 'item' || (parent.name === 'channel' && name === 'link'))
        fieldText.keep();
    } else if (!rss && item && parent?.name === 'item' && Object.hasOwn(ITEM_FIELDS.wp, name)) {
      fieldText.keep();
    }
  });
  parser.on('closetag', (node) => {
    const name = node.local;
    path.pop();
    const parent = path.at(-1);
    const value = fieldText.closed();
    if (value !== null) {
      if (comment && parent?.name === 'comment') comment.fields[name] = value;
      else if (item && parent?.name === 'item') {
        const field = ITEM_FIELDS[node.uri === '' ? 'rss' : 'wp'][name];
        if (field) item[field] = value.trim();
      } else if (parent?.name === 'channel') site = value.trim();
    } else if (comment && name === 'comment' && parent?.name === 'item') {
      item?.comments.push(comment);
      comment = null;
    } else if (item && name === 'item') {
      if (item.comments.length > 0) closed.push(item);
      item = null;
    }
  });

  yield* readXml(text, parser, () => closed.splice(0).map((done) => ({ ...done, site })));
  if (!sawChannel)
    throw new ImportRefused('The file is not a WordPress export: it has no <channel>.');
}
