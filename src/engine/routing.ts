/**
 * How a new conversation picks its flow: a flow whose trigger words appear (more and longer words win),
 * else a question the knowledge base answers, else an unknown question (the fallback flow promises a
 * deadline), else the default flow.
 */
import type { FlowBundle } from '../flows/load.js';
import { foldForMatch } from './extract/fold.js';
import { findKeyword } from './extract/index.js';

/** Score of a flow's trigger words in a message: total length of the distinct words found. */
export function triggerScore(words: readonly string[], text: string): number {
  let score = 0;
  for (const word of words) if (findKeyword(text, [word])) score += [...word].length;
  return score;
}

/**
 * The flow whose trigger words match best, or undefined. Ties go to the flow listed first.
 * `symptomScore` scores the text against the knowledge base, for flows triggered by symptoms.
 */
export function pickTriggeredFlow(
  bundle: FlowBundle,
  text: string,
  symptomScore: (text: string) => number = () => 0,
): string | undefined {
  let best: { id: string; score: number } | undefined;
  let symptoms: number | undefined;
  for (const flow of bundle.flows.values()) {
    if (!flow.trigger) continue;
    let score = triggerScore([...flow.trigger.zh, ...flow.trigger.en], text);
    if (flow.trigger.symptoms) {
      symptoms ??= symptomScore(text);
      score += symptoms;
    }
    if (score > 0 && (!best || score > best.score)) best = { id: flow.id, score };
  }
  return best?.id;
}

const QUESTION_END = /[?？]\s*$|[吗呢么]\s*[。.!！]?\s*$/u;
const QUESTION_START =
  /^\s*(?:请问|问一下|想问|想咨询|咨询|怎么|怎样|如何|为什么|能不能|可不可以|是否|有没有|多少|什么|哪|(?:how|what|when|where|why|which|who|can|could|do|does|is|are|will|would|should)\b)/iu;

/** A message that asks something (so an unanswered one deserves a promised reply, not a menu). */
export function looksLikeQuestion(text: string): boolean {
  return QUESTION_END.test(text) || QUESTION_START.test(text);
}

/**
 * A message (or clause) about the warranty itself: "显示器保修多久", "电池保吗", "is the battery covered",
 * "when does the warranty end". A product or part named in it is what the question is about, not a
 * fault: it is no description of what is wrong, and no evidence of a fault report.
 */
const ABOUT_WARRANTY =
  /保修|质保|保固|三包|在保|过保|保吗|保不保|保几|保多|\bwarr?[ae]nt|guarantee|\bcovered\b|main part/iu;

export function asksAboutWarranty(text: string): boolean {
  return ABOUT_WARRANTY.test(text);
}

/** The customer's own unit or its dates: "is MY laptop still covered", "去年买的还保吗" ask for a check. */
const OWN_UNIT =
  /我的|我这|我家|我们的|我们这|还在|还保|还有|还能|过保|过期|到期|到什么时候|到哪|截止|还剩|查|情况|状态|买|购|验收|\b(?:my|mine|our|still|expired?|expires|run out|runs out|until|end date|ends?|bought|purchased|got|left|check|status|valid)\b/iu;
/** What other answers are about: damage and its causes, repairs, fees, proof, returns, visits ("保不保" asks, "不保" says). */
const OTHER_SUBJECT =
  /(?<!保)不保|不在保|不包括|哪些情况|人为|进水|摔|拆|浸|维修|修过|换过|换了|之后|延长|延保|收费|费用|多少钱|发票|凭证|退|换货|上门|\b(?:not covered|isn't covered|aren't covered|void|voids|damage|damaged|water|liquid|spill|drop|dropped|accident|accidental|misuse|opened|repairs?|repaired|replaced|after|extend|extended|plans?|sell|buy|charge|fees?|cost|price|pay|invoice|receipt|proof|return|exchange|refund|onsite|on-site|visit)\b/iu;

/**
 * A general warranty question, answered from the policy: about a part or a kind of product ("电池保
 * 吗", "how long is the warranty on monitors", "are keyboards covered under warranty"), not about the
 * customer's own unit (no "my", no "still", no purchase), and not about damage, repairs or fees.
 */
export function asksGeneralWarranty(text: string): boolean {
  const folded = foldForMatch(text);
  return asksAboutWarranty(folded) && !OWN_UNIT.test(folded) && !OTHER_SUBJECT.test(folded);
}
