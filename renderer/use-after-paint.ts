import { useEffect, useState } from 'react';

/**
 * False until `ready` (the screen's content is there), then true once the browser has painted
 * it: what lies below the fold is drawn in a task of its own, so that the top of a screen (the
 * headline, the volume chart) shows without waiting for every chart under it. Charts are costly to draw (Recharts lays each one out
 * in several passes), and one task drawing all of them kept the first ones off the screen too.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    // the frame is painted after requestAnimationFrame's callbacks; the timeout runs after that paint
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}
