// Pod volumes: unique DNS-label names, exactly one source each, and the rules of the sources berth
// runs (hostPath, emptyDir, secret, configMap). Other sources pass with the one-source check only.
import type { Cause } from '../errors.js';
import type { KeyToPath, Volume } from '../types.js';
import { FieldPath, duplicateValue, forbidden, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { isDNS1123Label } from './names.js';

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateMode(mode: number | undefined, path: FieldPath): Cause[] {
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [invalidValue(path, mode, FILE_MODE_ERROR)] : [];
}

function hasBacksteps(p: string): boolean {
  return p.split(/[\\/]/).includes('..');
}

/** A path inside the volume: relative, no '..' element, not starting with '..'. */
export function validateLocalPath(p: string, path: FieldPath): Cause[] {
  const causes: Cause[] = [];
  if (p.startsWith('/')) causes.push(invalidValue(path, p, 'must be a relative path'));
  if (hasBacksteps(p)) causes.push(invalidValue(path, p, "must not contain '..'"));
  return causes;
}

function validateItems(items: KeyToPath[] | undefined, path: FieldPath): Cause[] {
  const causes: Cause[] = [];
  (items ?? []).forEach((item, i) => {
    const at = path.index(i);
    if (!item.key) causes.push(requiredValue(at.child('key')));
    if (!item.path) causes.push(requiredValue(at.child('path')));
    else {
      causes.push(...validateLocalPath(item.path, at.child('path')));
      if (item.path.startsWith('..')) causes.push(invalidValue(at.child('path'), item.path, "must not start with '..'"));
    }
    causes.push(...validateMode(item.mode, at.child('mode')));
  });
  return causes;
}

function validateSource(vol: Volume, path: FieldPath): Cause[] {
  const sources = Object.keys(vol).filter((k) => k !== 'name' && vol[k] !== undefined && vol[k] !== null);
  if (sources.length === 0) return [requiredValue(path, 'must specify a volume type')];
  if (sources.length > 1) return [forbidden(path.child(sources[1]!), 'may not specify more than 1 volume type')];
  const causes: Cause[] = [];
  if (vol.hostPath) {
    const at = path.child('hostPath');
    if (!vol.hostPath.path) causes.push(requiredValue(at.child('path')));
    else if (hasBacksteps(vol.hostPath.path)) causes.push(invalidValue(at.child('path'), vol.hostPath.path, "must not contain '..'"));
    const type = vol.hostPath.type ?? '';
    if (!HOST_PATH_TYPES.includes(type)) causes.push(unsupportedValue(at.child('type'), type, HOST_PATH_TYPES));
  }
  if (vol.secret) {
    const at = path.child('secret');
    if (!vol.secret.secretName) causes.push(requiredValue(at.child('secretName')));
    causes.push(...validateMode(vol.secret.defaultMode, at.child('defaultMode')), ...validateItems(vol.secret.items, at.child('items')));
  }
  if (vol.configMap) {
    const at = path.child('configMap');
    if (!vol.configMap.name) causes.push(requiredValue(at.child('name')));
    causes.push(...validateMode(vol.configMap.defaultMode, at.child('defaultMode')), ...validateItems(vol.configMap.items, at.child('items')));
  }
  if (vol.emptyDir?.medium !== undefined && !['', 'Memory'].includes(vol.emptyDir.medium) && !vol.emptyDir.medium.startsWith('HugePages')) {
    causes.push(unsupportedValue(path.child('emptyDir').child('medium'), vol.emptyDir.medium, ['', 'Memory', 'HugePages']));
  }
  return causes;
}

/** Validates the list and returns the names declared, for volumeMounts to refer to. */
export function validateVolumes(volumes: Volume[] | undefined, path: FieldPath): { causes: Cause[]; names: Set<string> } {
  const causes: Cause[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    const at = path.index(i);
    causes.push(...validateSource(vol, at));
    const namePath = at.child('name');
    if (!vol.name) causes.push(requiredValue(namePath));
    else causes.push(...invalidEach(namePath, vol.name, isDNS1123Label(vol.name)));
    if (names.has(vol.name)) causes.push(duplicateValue(namePath, vol.name));
    else names.add(vol.name);
  });
  return { causes, names };
}
