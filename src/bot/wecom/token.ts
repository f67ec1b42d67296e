/**
 * One access_token per secret, cached until shortly before it expires and fetched once for all
 * concurrent callers (single flight): WeCom limits `gettoken` calls and a token per request
 * would soon be refused.
 *
 * @example
 *   const cache = new AccessTokenCache(() => fetchToken(secret), { now: Date.now });
 *   const token = await cache.get();     // one gettoken for any number of concurrent callers
 *   cache.invalidate(token);             // after 40014/42001; the next get() fetches anew
 */

export interface FetchedToken {
  accessToken: string;
  /** Seconds, as WeCom reports it (7200). */
  expiresIn: number;
}

export interface TokenCacheOptions {
  now: () => number;
  /** Refresh this long before expiry (capped at half the lifetime for short-lived tokens). */
  refreshBeforeMs?: number;
}

export class AccessTokenCache {
  private token: string | null = null;
  private expiresAt = 0;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly opts: TokenCacheOptions,
  ) {}

  async get(): Promise<string> {
    if (this.token !== null && this.opts.now() < this.expiresAt) return this.token;
    if (!this.inflight) {
      this.inflight = this.refresh().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** Forgets `token` if it is still the cached one (another caller may have refreshed already). */
  invalidate(token: string): void {
    if (this.token === token) {
      this.token = null;
      this.expiresAt = 0;
    }
  }

  private async refresh(): Promise<string> {
    const fetchedAt = this.opts.now();
    const { accessToken, expiresIn } = await this.fetchToken();
    const lifetimeMs = Math.max(0, expiresIn) * 1000;
    const margin = Math.min(this.opts.refreshBeforeMs ?? 300_000, lifetimeMs / 2);
    this.token = accessToken;
    // Counted from before the request left: the server's clock started no later than that.
    this.expiresAt = fetchedAt + lifetimeMs - margin;
    return accessToken;
  }
}
