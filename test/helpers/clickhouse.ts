/**
 * A two-shard ClickHouse cluster for the SQL tests (issue 17): two clickhouse-server processes
 * (Debian's package, 18.16) on 127.0.0.1, each with its own config file, data folder and TCP
 * port in a temporary folder, and a `remote_servers` cluster "collectkpi" of two shards (one
 * replica each) in both configs. Tables created with the generator's `cluster` option hold rows
 * in <table>_local on each server and are written and read through the Distributed <table>.
 * Queried with clickhouse-client; the servers are ended by their process ids and the folder
 * deleted after the suite.
 *
 * Config keys as the 18.16 package's own /etc/clickhouse-server/config.xml names them
 * (tcp_port, listen_host, path, tmp_path, users_config, remote_servers, timezone);
 * https://clickhouse.com/docs/en/engines/table-engines/special/distributed for the cluster.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export const CLUSTER = "collectkpi";

function onPath(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin"]) {
    const p = path.join(dir, name);
    if (dir !== "" && fs.existsSync(p)) return p;
  }
  return undefined;
}

/** The server and client binaries, or undefined when ClickHouse is not installed. */
export function clickhouseBins(): { server: string; client: string } | undefined {
  const server = onPath("clickhouse-server");
  const client = onPath("clickhouse-client");
  return server !== undefined && client !== undefined ? { server, client } : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ClickHouseCluster {
  readonly ports: readonly number[];
  /** Runs a multi-statement script on one server (0 or 1). */
  run(server: number, sql: string): void;
  /** Rows of one SELECT on one server (64-bit integers come back as numbers). */
  query(server: number, select: string): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startClickHouseCluster(): Promise<ClickHouseCluster> {
  const bins = clickhouseBins();
  if (bins === undefined) throw new Error("clickhouse-server not found (apt-get install clickhouse-server clickhouse-client)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "collectkpi-ch-"));
  const ports = [await freePort(), await freePort()];
  fs.writeFileSync(
    path.join(dir, "users.xml"),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`
  );
  const shards = ports.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join("");
  const procs: ChildProcess[] = [];
  for (let i = 0; i < 2; i++) {
    const s = path.join(dir, `s${i}`);
    fs.mkdirSync(path.join(s, "tmp"), { recursive: true });
    fs.writeFileSync(
      path.join(s, "config.xml"),
      `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${s}/server.log</log><errorlog>${s}/error.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>${ports[i]}</tcp_port>
  <path>${s}/</path>
  <tmp_path>${s}/tmp/</tmp_path>
  <user_files_path>${s}/user_files/</user_files_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <remote_servers><${CLUSTER}>${shards}</${CLUSTER}></remote_servers>
</yandex>
`
    );
    procs.push(spawn(bins.server, [`--config-file=${path.join(s, "config.xml")}`], { stdio: "ignore" }));
  }
  const client = (server: number, args: string[], input: string) => {
    const r = spawnSync(bins.client, ["--host", "127.0.0.1", "--port", String(ports[server]), ...args], { input, encoding: "utf8", maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`clickhouse-client (server ${server}): ${r.stderr}`);
    return r.stdout;
  };
  const stop = async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.pid === undefined) return resolve();
            p.once("exit", () => resolve());
            process.kill(p.pid, "SIGTERM");
          })
      )
    );
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Ready when both answer (a few seconds).
  const deadline = Date.now() + 60_000;
  for (let i = 0; i < 2; i++) {
    for (;;) {
      const r = spawnSync(bins.client, ["--host", "127.0.0.1", "--port", String(ports[i]), "-q", "SELECT 1"], { encoding: "utf8" });
      if (r.status === 0) break;
      if (procs[i].exitCode !== null || Date.now() > deadline) {
        const log = path.join(dir, `s${i}`, "error.log");
        const why = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : r.stderr;
        await stop();
        throw new Error(`clickhouse-server ${i} did not start: ${why}`);
      }
      await new Promise((res) => setTimeout(res, 200));
    }
  }
  return {
    ports,
    run: (server, sql) => void client(server, ["--multiquery"], sql),
    query: (server, select) => {
      const out = client(server, ["--output_format_json_quote_64bit_integers=0", "-q", `${select} FORMAT JSONEachRow`], "");
      return out.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    stop,
  };
}
