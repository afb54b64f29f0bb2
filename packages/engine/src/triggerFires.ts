import { stageRank, type NodeOfType } from '@hourglass/documents';
import { matches } from './conditions.ts';
import type { Before, Pass } from './pass.ts';
import type { EventRecord } from './records.ts';

/** Whether a trigger starts its flow for the contact after an input (spec §4.2): `before` is the contact as the input found it. */
export function triggerFires(node: NodeOfType<'trigger'>, pass: Pass, before: Before, event?: EventRecord): boolean {
  const c = node.config;
  switch (c.on) {
    case 'event':
      return !!event && event.type === c.event && matches(event.data, c.where);
    case 'stage':
      // `before.stage` is read whenever a live flow starts on a stage.
      return before.stage !== undefined && stageRank(before.stage) < stageRank(c.stage) && stageRank(pass.contact.stage) >= stageRank(c.stage);
    case 'score':
      return before.score !== undefined && before.score < c.gte && pass.score() >= c.gte;
    case 'manual':
      return false;
  }
}
