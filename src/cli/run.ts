/** Process entry of the `lodestar` command (bin/lodestar.js loads this). */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
