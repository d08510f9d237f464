/** Memory bounds of an inventory. Every per-endpoint and per-parameter structure is capped by one of these. */
export interface InventoryLimits {
  /** Endpoints (method + template) tracked; calls to further endpoints are counted as dropped. Default 2,000. */
  readonly maxEndpoints?: number;
  /** Query parameters tracked per endpoint. Default 64. */
  readonly maxParameters?: number;
  /** Properties tracked per object of a body schema. Default 64. */
  readonly maxProperties?: number;
  /** Depth of body schemas tracked. Default 8. */
  readonly maxSchemaDepth?: number;
  /** Distinct short values kept per parameter or property for enumerations. Default 16. */
  readonly maxValues?: number;
  /** Status codes tracked per endpoint. Default 32. */
  readonly maxStatuses?: number;
  /** JSON values read per body sample. Default 2,000. */
  readonly maxBodyNodes?: number;
  /**
   * Distinct literal segments at one path position before they are merged into one parameter (`/files/report`,
   * `/files/summary`, … → `/files/{fileName}`). Default 24.
   */
  readonly mergeThreshold?: number;
}

/** `InventoryLimits` with every default filled in. */
export type ResolvedInventoryLimits = Required<InventoryLimits>;

const DEFAULTS: ResolvedInventoryLimits = {
  maxEndpoints: 2000,
  maxParameters: 64,
  maxProperties: 64,
  maxSchemaDepth: 8,
  maxValues: 16,
  maxStatuses: 32,
  maxBodyNodes: 2000,
  mergeThreshold: 24,
};

/** Fills in defaults and rejects nonsense (a misuse, so a `TypeError` at construction). */
export function resolveInventoryLimits(limits: InventoryLimits = {}): ResolvedInventoryLimits {
  const resolved = { ...DEFAULTS };
  for (const [name, value] of Object.entries(limits)) {
    if (!Object.hasOwn(DEFAULTS, name)) {
      throw new TypeError(
        `inventory limits: unknown limit "${name}"; expected one of ${Object.keys(DEFAULTS).join(', ')}`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new TypeError(`inventory limits: ${name} must be an integer ≥ 1, got ${String(value)}`);
    }
    (resolved as Record<string, number>)[name] = value;
  }
  return resolved;
}
