/**
 * The headline figures of the window the agent zoomed to with the volume chart's brush, from the
 * chart's own points: the same definitions as core/store/overview.ts (a message is one final
 * outcome; complaints are a share of the delivered messages).
 */
import type { Headline, VolumePoint } from '../core/contract';
import type { EventType } from '../core/model/event';

const FINAL: EventType[] = ['delivered', 'soft_bounce', 'hard_bounce', 'blocked'];

export function brushedHeadline(volume: VolumePoint[], from: string, to: string): Headline {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const sum = new Map<EventType, number>();
  for (const point of volume) {
    const t = Date.parse(point.time);
    if (t < start || t >= end) continue;
    for (const [type, count] of Object.entries(point.counts) as [EventType, number][]) sum.set(type, (sum.get(type) ?? 0) + (count ?? 0));
  }
  const n = (type: EventType) => sum.get(type) ?? 0;
  const messages = FINAL.reduce((total, type) => total + n(type), 0);
  const of = (count: number, base: number) => (base > 0 ? count / base : 0);
  return {
    messages,
    delivered: n('delivered'),
    deferred: n('deferred'),
    softBounces: n('soft_bounce'),
    hardBounces: n('hard_bounce'),
    blocked: n('blocked'),
    complaints: n('complaint'),
    unsubscribes: n('unsubscribe'),
    deliveredRate: of(n('delivered'), messages),
    hardBounceRate: of(n('hard_bounce'), messages),
    complaintRate: of(n('complaint'), n('delivered')),
  };
}
