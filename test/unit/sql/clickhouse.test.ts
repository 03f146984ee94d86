/**
 * The generated ClickHouse script on a two-shard cluster of real servers (Debian's
 * clickhouse-server 18.16): the raw tables are <table>_local on both servers and a Distributed
 * <table> over them, rows are inserted through the Distributed table (each shard must hold
 * part of them), and the KPI views on the first server read through it. Without ClickHouse the
 * suite is skipped with a message, except under CI=true, where it fails.
 */
import { CLUSTER, type ClickHouseCluster, clickhouseBins, startClickHouseCluster } from "../../helpers/clickhouse";
import { fixtureSets } from "./data";
import { type Engine, engineSuite, loadSets } from "./suite";

const available = clickhouseBins() !== undefined;
if (!available && process.env.CI !== "true") {
  // eslint-disable-next-line no-console
  console.warn("clickhouse.test.ts: clickhouse-server not found, ClickHouse checks skipped (apt-get install clickhouse-server clickhouse-client; under CI=true this fails)");
}
const describeCh = available || process.env.CI === "true" ? describe : describe.skip;

jest.setTimeout(180_000);

describeCh("a two-shard ClickHouse cluster runs the generated SQL through Distributed tables", () => {
  let ch: ClickHouseCluster | undefined;
  let db = 0;
  beforeAll(async () => {
    ch = await startClickHouseCluster();
  });
  afterAll(async () => ch?.stop());

  // Each load gets a database of its own on both servers; the Distributed tables name it.
  const engine = (): Engine & { database: string } => {
    const database = `t${++db}`;
    const c = () => ch as ClickHouseCluster;
    return {
      database,
      load: async (script, inserts) => {
        for (const server of [0, 1]) c().run(server, [`CREATE DATABASE ${database}`, `USE ${database}`, ...script.tables].map((s) => `${s};`).join("\n"));
        // insert_distributed_sync: the Distributed table writes to the shards before INSERT returns (it queues them otherwise).
        c().run(0, [`USE ${database}`, "SET insert_distributed_sync = 1", ...script.seed, ...inserts, ...script.views].map((s) => `${s};`).join("\n"));
      },
      rows: async (select) => c().query(0, select.replace(/^SELECT \* FROM (\w+)/, `SELECT * FROM ${database}.$1`)),
    };
  };
  test("rows inserted through the Distributed table land on both shards, and a query through it sees them all", async () => {
    const e = engine();
    const sets = await fixtureSets();
    await loadSets(e, "clickhouse", sets, { cluster: { cluster: CLUSTER, database: e.database } });
    const c = ch as ClickHouseCluster;
    const local = [0, 1].map((s) => Number(c.query(s, `SELECT count() AS n FROM ${e.database}.calls_local`)[0].n));
    const all = Number(c.query(0, `SELECT count() AS n FROM ${e.database}.calls`)[0].n);
    // calls.en.csv: every data row typed on its own, the repeated C0002 included.
    expect(all).toBe(sets.calls?.records.length);
    expect(local[0]).toBeGreaterThan(0);
    expect(local[1]).toBeGreaterThan(0);
    expect(local[0] + local[1]).toBe(all);
  });

  // The same checks as DuckDB and PostgreSQL, through the Distributed tables. The generator names
  // the local tables' database in each Distributed table; each load has its own database.
  engineSuite(
    "clickhouse",
    () => {
      const e = engine();
      return {
        load: (script, inserts, options) =>
          e.load({ ...script, tables: script.tables.map((s) => s.replace(/Distributed\((\w+), default,/, `Distributed($1, ${e.database},`)) }, inserts, options),
        rows: e.rows,
      };
    },
    { cluster: { cluster: CLUSTER } }
  );
});
