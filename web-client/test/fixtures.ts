// The contract's own example documents (valid and invalid test vectors) are the fixtures.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HomeResponse, UserContracts, Widget } from '../src/core-api/sdui';

export const EXAMPLES_DIR = resolve(__dirname, '../../widget-contract/src/main/resources/schema/examples');

export interface Vector {
  file: string;
  schema: 'widget' | 'product-response' | 'home-response' | 'contract-event' | 'user-contracts';
  valid: boolean;
  description: string;
  expected_error_contains?: string;
  /** The rule broken is one JSON Schema cannot express (section_order vs. the keys of services). */
  beyond_schema?: boolean;
}

export const vectors: Vector[] = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'index.json'), 'utf8'));

export function example<T = unknown>(file: string): T {
  if (!vectors.some((v) => v.file === file)) throw new Error(`${file} is not listed in examples/index.json`);
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as T;
}

export const widget = (file: string) => example<Widget>(file);
export const home = () => example<HomeResponse>('valid/home-response.json');
export const userContracts = (file = 'valid/user-contracts.json') => example<UserContracts>(file);

export function vectorsFor(schema: Vector['schema'], valid: boolean): Vector[] {
  return vectors.filter((v) => v.schema === schema && v.valid === valid);
}
