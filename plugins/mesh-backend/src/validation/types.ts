/* The shapes the validation engine works with: findings and checkers. */
import {
  MeshObjectRef,
  MeshValidationSeverity,
} from '@mesh-portal/plugin-mesh-common';
import type { ValidationContext } from './context';

/** One failed check on one object. */
export interface Finding {
  code: string;
  severity: MeshValidationSeverity;
  message: string;
  /** Kiali's path notation (`spec/http[0]/route[0]/destination`), `workload` or ''. */
  path: string;
  object: MeshObjectRef;
}

/**
 * A pure check over one cluster's objects. Each checker mirrors one or a few of Kiali's checkers and
 * lists the codes it can emit (the registry and the parity table use them).
 */
export interface Checker {
  /** Kiali's checker(s) it corresponds to, for the docs. */
  name: string;
  codes: readonly string[];
  check(ctx: ValidationContext): Finding[];
}
