import { useCallback, useRef } from 'react';

/**
 * After the agent chooses a screen, focus moves to it (issue 17 item 6): to its search box when
 * it has one (`data-autofocus`), else to its heading, so that a keyboard or screen-reader user
 * starts there instead of on the menu. Screens draw their heading once their data has come: the
 * focus waits for it, a few seconds at most.
 */
export function useFocusOnScreen(): () => void {
  const pending = useRef(0);
  return useCallback(() => {
    const attempt = ++pending.current;
    const deadline = performance.now() + 5000;
    const tryFocus = () => {
      if (attempt !== pending.current) return; // another screen was chosen since
      const main = document.querySelector('main');
      const target = main?.querySelector<HTMLElement>('[data-autofocus]') ?? main?.querySelector<HTMLElement>('h1');
      if (target) {
        if (!target.matches('input, select, textarea, button, [tabindex]')) target.tabIndex = -1;
        target.focus();
        return;
      }
      if (performance.now() < deadline) requestAnimationFrame(tryFocus);
    };
    requestAnimationFrame(tryFocus);
  }, []);
}
