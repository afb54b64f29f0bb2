import { SCORE_BAND_WIDTH, type BandVerdicts, type HandoffReport, type RouteVerdicts, type ScoringFeedback, type Verdicts } from '@hourglass/api';

type Status = 'open' | 'accepted' | 'rejected';

/** The handoff counters of report_counts (migration 13): by route or by score band, and status. */
const KINDS: Record<string, { by: 'route' | 'band'; status: Status }> = {
  handoff_open: { by: 'route', status: 'open' },
  handoff_accepted: { by: 'route', status: 'accepted' },
  handoff_rejected: { by: 'route', status: 'rejected' },
  band_open: { by: 'band', status: 'open' },
  band_accepted: { by: 'band', status: 'accepted' },
  band_rejected: { by: 'band', status: 'rejected' },
};

export const BAND_KINDS = ['band_open', 'band_accepted', 'band_rejected'] as const;

const none = (): Verdicts => ({ handedOff: 0, accepted: 0, rejected: 0, open: 0 });
const addTo = (v: Verdicts, status: Status, count: number) => {
  v[status] += count;
  v.handedOff += count;
};

/** Routes in the order a handoff tries them (spec §4.10), then those recorded before routes were kept. */
function routeRank(route: string): number {
  const rule = /^rule-(\d+)$/.exec(route);
  if (rule) return Number(rule[1]);
  return { owner: 0, 'round-robin': 1e6, fallback: 1e6 + 1, none: 1e6 + 2 }[route] ?? 1e6 + 3;
}

const bandsOf = (bands: Map<number, Verdicts>): BandVerdicts[] =>
  [...bands.entries()].sort(([a], [b]) => a - b).map(([min, v]) => ({ min, max: min + SCORE_BAND_WIDTH - 1, ...v }));

/** Adds up the handoff counters of a flow report, per handoff node. */
export class HandoffTally {
  private readonly nodes = new Map<string, { routes: Map<string, Verdicts>; bands: Map<number, Verdicts> }>();

  /** Counts a line of report_counts when it is one of handoffs; false when it is not. */
  add(kind: string, node: string, port: string, count: number): boolean {
    const k = KINDS[kind];
    if (!k) return false;
    const n = this.node(node);
    if (k.by === 'route') {
      let v = n.routes.get(port);
      if (!v) n.routes.set(port, (v = none()));
      addTo(v, k.status, count);
    } else {
      const band = Number(port);
      let v = n.bands.get(band);
      if (!v) n.bands.set(band, (v = none()));
      addTo(v, k.status, count);
    }
    return true;
  }

  /** Per handoff node (those named, with nothing counted too, and any other counted), its verdicts. */
  report(handoffNodes: readonly string[]): Record<string, HandoffReport> {
    for (const id of handoffNodes) this.node(id);
    const out: Record<string, HandoffReport> = {};
    for (const [id, n] of this.nodes) {
      const routes: RouteVerdicts[] = [...n.routes.entries()]
        .sort(([a], [b]) => routeRank(a) - routeRank(b) || a.localeCompare(b))
        .map(([route, v]) => ({ route, ...v }));
      const total = none();
      for (const r of routes) for (const s of ['open', 'accepted', 'rejected'] as const) addTo(total, s, r[s]);
      out[id] = { total, routes, bands: bandsOf(n.bands) };
    }
    return out;
  }

  private node(id: string) {
    let n = this.nodes.get(id);
    if (!n) this.nodes.set(id, (n = { routes: new Map(), bands: new Map() }));
    return n;
  }
}

/** The scoring page's feedback from the band counters of every flow, summed per band and status. */
export function scoringFeedback(rows: readonly { kind: string; port: string; count: number }[]): ScoringFeedback {
  const bands = new Map<number, Verdicts>();
  const total = none();
  for (const { kind, port, count } of rows) {
    const k = KINDS[kind];
    if (k?.by !== 'band') continue;
    const band = Number(port);
    let v = bands.get(band);
    if (!v) bands.set(band, (v = none()));
    addTo(v, k.status, count);
    addTo(total, k.status, count);
  }
  return { bandWidth: SCORE_BAND_WIDTH, total, bands: bandsOf(bands) };
}
