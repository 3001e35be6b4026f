/** CLI: extended-XYZ file → LODE feature matrix (.npy or .json). See `npm run featurize -- --help`. */
import { runFeaturize } from './lib/featurize-main.ts';

process.exitCode = await runFeaturize(process.argv.slice(2));
