// A tiny single-page app: links change the article with history.pushState, no page load.
const ARTICLES = {
  knives: {
    title: 'Keep one knife sharp',
    text: "You do not need a block of knives. One good chef's knife, honed before each use and sharpened twice a year, does nearly every job in a home kitchen and makes the work quicker and safer.",
  },
  pans: {
    title: 'Why a heavy pan pays for itself',
    text: 'A thick-bottomed pan holds its heat when cold food lands in it, so onions brown instead of stewing and a steak sears instead of greying. Buy one good one rather than a set of thin ones.',
  },
  salt: {
    title: 'Salt earlier than you think',
    text: 'Salt added at the start of cooking seasons food through; salt added at the table only coats it. Season meat an hour ahead, and salt the water for pasta and vegetables generously.',
  },
};

function show(name) {
  const article = ARTICLES[name] ?? ARTICLES.knives;
  document.getElementById('article-title').textContent = article.title;
  document.getElementById('article-text').textContent = article.text;
  document.title = `${article.title} — A Small Kitchen Blog`;
}

function currentArticle() {
  return new URLSearchParams(location.search).get('article') ?? 'knives';
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-article]');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  show(link.dataset.article);
});

window.addEventListener('popstate', () => show(currentArticle()));
show(currentArticle());
