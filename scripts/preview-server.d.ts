/** Types of scripts/preview-server.js, for the TypeScript end-to-end tests. */
export interface PreviewServer {
  /** "http://127.0.0.1:<port>/" */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The folder to serve (dist/). */
  readonly root: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Where "/" redirects (default preview.html). */
  readonly index?: string;
  readonly onRequest?: (url: string) => void;
}

export function serve(options: ServeOptions): Promise<PreviewServer>;
