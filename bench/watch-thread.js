/**
 * Injected into the demo page by bench/browser.ts before the page's own scripts run. It records
 * long tasks from the start, and checks at every frame (so, when a reader could see it) for the
 * thread's form and for all its comments. Plain JavaScript: tsx would wrap TypeScript functions
 * in a helper (`__name`) that the page does not have.
 */
(() => {
  const expected = window.leaveAReplyBenchExpected;
  const watch = { formReady: null, allRendered: null, longTasks: [] };

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) watch.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });

  const check = () => {
    const shadow = document.querySelector('.leave-a-reply-thread')?.shadowRoot;
    if (shadow && watch.formReady === null) {
      const button = [...shadow.querySelectorAll('button[type="submit"]')].find(
        (element) => element.textContent.trim() === 'Post Comment',
      );
      // The thread stays hidden until its stylesheet arrives: a hidden button is no form yet.
      if (button?.checkVisibility()) watch.formReady = performance.now();
    }
    if (shadow && watch.allRendered === null) {
      if (shadow.querySelectorAll('li.comment').length >= expected) {
        watch.allRendered = performance.now();
      }
    }
    if (watch.formReady === null || watch.allRendered === null) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);

  /** The timings, each from the moment embed.js finished arriving. */
  const collect = async () => {
    // Long tasks are reported after they end: let the page go idle so that the last one is in.
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
    const resources = performance.getEntriesByType('resource');
    const find = (path) => resources.find((entry) => new URL(entry.name).pathname === path);
    const embed = find('/embed.js');
    const api = find('/api/comments');
    if (!embed || !api) throw new Error('embed.js or the thread request is missing');
    return {
      formReadyMs: watch.formReady - embed.responseEnd,
      allRenderedMs: watch.allRendered - embed.responseEnd,
      apiMs: api.responseEnd - api.startTime,
      longestTaskMs: Math.max(0, ...watch.longTasks),
      longTasks: watch.longTasks.length,
    };
  };

  window.leaveAReplyBench = {
    done: () => watch.formReady !== null && watch.allRendered !== null,
    collect,
  };
})();
