import { DuckDBInstance } from '@duckdb/node-api';
const db = await (await DuckDBInstance.create(':memory:')).connect();
await db.run(`SET TimeZone='UTC'`);
const r = await db.runAndReadAll(`SELECT try_cast('2016-05-29 01:10:23+0200' AS TIMESTAMPTZ)::VARCHAR a, try_cast('2016-05-29 01:10:23+02' AS TIMESTAMPTZ)::VARCHAR b, try_cast('2016-05-29T01:10:23Z' AS TIMESTAMPTZ)::VARCHAR c, try_cast('2016-05-29 01:10:23' AS TIMESTAMPTZ)::VARCHAR d`);
console.log(r.getRowObjectsJS());
