import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(ROOT, folder))) {
    const path = join(folder, name);
    if (statSync(join(ROOT, path)).isDirectory()) found.push(...sources(path));
    else if (/\.tsx?$/.test(name)) found.push(path);
  }
  return found;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (match) => match[1] as string,
  );
}

function resolved(file: string, specifier: string): string {
  return specifier.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', specifier)) : specifier;
}

describe('module boundaries', () => {
  it('keeps shared/ free of project, Node and DOM imports', () => {
    for (const file of sources('shared')) {
      for (const specifier of importsOf(file)) {
        expect(resolved(file, specifier), `${file} imports ${specifier}`).toMatch(/^shared\//);
      }
    }
  });

  it('lets the widget import only preact and shared/', () => {
    for (const file of sources('widget')) {
      for (const specifier of importsOf(file)) {
        expect(resolved(file, specifier), `${file} imports ${specifier}`).toMatch(
          /^(preact(\/|$)|shared\/|widget\/)/,
        );
      }
    }
  });

  it('keeps the server from importing the widget', () => {
    for (const file of sources('server')) {
      for (const specifier of importsOf(file)) {
        expect(resolved(file, specifier), `${file} imports ${specifier}`).not.toMatch(/^widget\//);
      }
    }
  });
});
