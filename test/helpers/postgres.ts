/**
 * A throwaway PostgreSQL server for the SQL tests (issue 17): initdb into a temporary folder,
 * the server listening only on a unix socket in that folder (listen_addresses = '', no TCP),
 * queried with psql, stopped and deleted after the suite.
 *
 * The binaries: pg_ctl on the PATH, else Debian's /usr/lib/postgresql/<version>/bin (what
 * `apt-get install postgresql` installs, not on the PATH). initdb and postgres refuse to run as
 * root ("cannot be run as root", https://www.postgresql.org/docs/15/app-initdb.html has no
 * override), so under root (CI) both run as the `postgres` system user the Debian package
 * creates, through runuser, in a folder handed to that user.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The folder holding initdb, pg_ctl and psql, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir !== "" && fs.existsSync(path.join(dir, "pg_ctl")) && fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], "bin") : undefined;
}

function psqlPath(bin: string): string {
  return fs.existsSync(path.join(bin, "psql")) ? path.join(bin, "psql") : "psql";
}

export interface Postgres {
  /** Runs a script (statements separated by ";"); throws with psql's message on the first error. */
  run(sql: string): void;
  /** The rows of one SELECT, as JSON objects (numbers as numbers, NULL as null). */
  query(select: string): Record<string, unknown>[];
  stop(): void;
}

export function startPostgres(): Postgres {
  const bin = postgresBin();
  if (bin === undefined) throw new Error("PostgreSQL not found (apt-get install postgresql)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "collectkpi-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (asRoot ? { cmd: "runuser", args: ["-u", "postgres", "--", cmd, ...args] } : { cmd, args });
  if (asRoot) {
    execFileSync("chown", ["postgres:postgres", dir]);
    fs.chmodSync(dir, 0o755);
  }
  const exec = (cmd: string, args: string[]) => {
    const c = as(cmd, args);
    const r = spawnSync(c.cmd, c.args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  // C.UTF-8: UTF-8 text (Chinese names), and lower() folds letters beyond ASCII.
  exec(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  exec(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", `-c listen_addresses='' -k ${dir} -c fsync=off`, "start"]);
  const psql = psqlPath(bin);
  const base = ["-h", dir, "-U", "postgres", "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1"];
  const call = (args: string[], input: string): string => {
    const r = spawnSync(psql, [...base, ...args], { input, encoding: "utf8", maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
    return r.stdout;
  };
  return {
    run: (sql) => void call(["-f", "-"], sql),
    query: (select) => {
      const out = call(["-A", "-t", "-f", "-"], `SELECT COALESCE(json_agg(t), '[]') FROM (${select}) AS t;`);
      return JSON.parse(out.trim()) as Record<string, unknown>[];
    },
    stop: () => {
      try {
        exec(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
