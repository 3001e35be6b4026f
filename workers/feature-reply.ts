/**
 * The engine worker's reply to a feature request as it goes to the page: the result's arrays are moved, not copied,
 * unless they are in shared memory (the engine pool's results where the page is cross-origin isolated), which the
 * page then shares; nothing writes to a result once it is computed.
 */
import * as Comlink from 'comlink';
import type { FeatureResult } from '../src/lode/features.ts';
import { transferList } from '../src/util/transfer-list.ts';

export function featureReply<T extends { readonly result: FeatureResult }>(reply: T): T {
  return Comlink.transfer(reply, transferList(reply.result.invariants, reply.result.vectors));
}
