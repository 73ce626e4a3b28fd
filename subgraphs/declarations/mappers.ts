import type { DeclarationRow, PremisesLinkRow } from './db/schema.js';
import type { DecisionView, PremisesLinkCheckView, PremisesView } from './rules.js';
import type { CountsRow, GridCountsRow, PremisesCountsRow } from './store.js';

/**
 * What each GraphQL type is before its fields resolve: the rows the store
 * reads, and the shapes the rules build. `npm run codegen` maps a type `X`
 * to `XMapper`.
 */

export type DeclarationMapper = DeclarationRow;

/** Premises with the place they lie in, which the access log records them by. */
export type PremisesMapper = PremisesView;

export interface PremisesLinkMapper {
  row: PremisesLinkRow;
  token: string;
  url: string;
  premises: PremisesView;
}

export type PremisesLinkCheckMapper = PremisesLinkCheckView;
export type DeclarationDecisionMapper = DecisionView;
export type CollectionCountsMapper = CountsRow;
export type GridCollectionFiguresMapper = GridCountsRow;
export type PremisesCollectionFiguresMapper = PremisesCountsRow;

export interface CollectionFiguresMapper {
  total: CountsRow;
  byGrid: GridCountsRow[];
  byPremises: PremisesCountsRow[];
}

export interface SubmitDeclarationPayloadMapper {
  declaration: DeclarationRow;
  duplicate: boolean;
}

export interface DeclarationDecisionsPayloadMapper {
  results: DecisionView[];
}

export interface PremisesLinkPayloadMapper {
  link: PremisesLinkMapper;
}
