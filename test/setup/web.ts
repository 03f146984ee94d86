/**
 * Jest's "web" project: the template, function and pane suites run a second time as Excel on
 * the web behaves (src/hosts/profiles.ts): an empty cell reaches a custom function as null,
 * whole-column arguments are #CALC!, a sync over 5 MB fails. The default run is desktop.
 */
import { setDefaultExcelHost } from "../../src/hosts/profiles";

setDefaultExcelHost("web");
