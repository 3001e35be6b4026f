/** The architecture's import arrows (no-restricted-imports in eslint.config.js) keep catching what they should. */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

/** The no-restricted-imports messages for `code` linted as if it were the file at `filePath`. */
async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('src/lode may not import the GPU engine, even as a type', async () => {
    expect(await restricted('src/lode/x.ts', "import '../gpu/device.ts';\n")).toEqual([
      expect.stringMatching(/'\.\.\/gpu\/device\.ts' import is restricted.*must not import src\/gpu/),
    ]);
    const typeOnly =
      "import type { EngineStatus } from '../../gpu/auto-engine.ts';\nexport type S = EngineStatus;\n";
    expect(await restricted('src/lode/testing/x.ts', typeOnly)).toHaveLength(1);
  });

  it('src/lode may import src/chem', async () => {
    const code =
      "import { makeStructure } from '../chem/structure.ts';\nexport const make = makeStructure;\n";
    expect(await restricted('src/lode/x.ts', code)).toEqual([]);
  });

  it('src/ui reaches the worker through workers/protocol.ts only', async () => {
    const from = (path: string) =>
      `import type { EngineStatus } from '${path}';\nexport type S = EngineStatus;\n`;
    expect(await restricted('src/ui/x.ts', from('../../workers/protocol.ts'))).toEqual([]);
    expect(await restricted('src/ui/x.ts', from('../gpu/auto-engine.ts'))).toHaveLength(1);
    expect(await restricted('src/ui/x.ts', from('../../workers/engine.worker.ts'))).toHaveLength(1);
  });
});
