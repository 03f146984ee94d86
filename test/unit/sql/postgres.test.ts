/**
 * The generated PostgreSQL script on a real PostgreSQL server (Debian's package), started in a
 * temporary folder on a unix socket for this suite and stopped after it. Without PostgreSQL the
 * suite is skipped with a message, except under CI=true, where it fails.
 */
import { type Postgres, postgresBin, startPostgres } from "../../helpers/postgres";
import { type Engine, engineSuite } from "./suite";

const available = postgresBin() !== undefined;
if (!available && process.env.CI !== "true") {
  // eslint-disable-next-line no-console
  console.warn("postgres.test.ts: PostgreSQL not found, PostgreSQL checks skipped (apt-get install postgresql; under CI=true this fails)");
}
const describePg = available || process.env.CI === "true" ? describe : describe.skip;

jest.setTimeout(120_000);

describePg("PostgreSQL runs the generated SQL", () => {
  let pg: Postgres | undefined;
  let db = 0;
  beforeAll(() => {
    pg = startPostgres();
  });
  afterAll(() => pg?.stop());

  // Each load gets a schema of its own, so tests never see each other's tables.
  const engine = (): Engine => {
    const schema = `t${++db}`;
    const p = () => pg as Postgres;
    return {
      load: async (script, inserts) => {
        p().run([`CREATE SCHEMA ${schema}`, `SET search_path TO ${schema}`, ...script.tables, ...script.seed, ...inserts, ...script.views].map((s) => `${s};`).join("\n"));
      },
      rows: async (select) => p().query(`SELECT * FROM ${schema}.${select.replace(/^SELECT \* FROM /, "")}`),
    };
  };
  engineSuite("postgres", engine);
});
