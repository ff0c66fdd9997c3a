/**
 * Discord's payload limits, checked the way the real API checks them, so that a limit bug in the bot fails a test
 * with the same `50035 Invalid Form Body` error it would get in production. Error codes and messages follow the
 * nested `errors` object Discord returns; where Discord's exact `_errors[].code` string is not documented the code
 * here is a close, descriptive stand-in (tests should assert on the HTTP code 50035 and the path, not on it).
 */

/** One entry of a `_errors` list. */
export interface FieldError {
  code: string;
  message: string;
}

/** A path into the request body, e.g. `['data', 'embeds', 0, 'description']`. */
export type FieldPath = readonly (string | number)[];

type Json = Record<string, unknown>;

/** Collects field errors into Discord's nested shape: `{ data: { embeds: { 0: { title: { _errors: [...] } } } } }`. */
export class FormErrors {
  readonly tree: Json = {};
  count = 0;

  add(path: FieldPath, error: FieldError): void {
    let node = this.tree;
    for (const key of path) {
      const child = node[String(key)];
      if (isRecord(child)) {
        node = child;
      } else {
        const created: Json = {};
        node[String(key)] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as FieldError[]) : [];
    list.push(error);
    node._errors = list;
    this.count += 1;
  }
}

/** Narrows a JSON value to a plain object. */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Discord counts characters in code points, not UTF-16 units: an emoji is one character towards a limit.
function length(text: string): number {
  return [...text].length;
}

const maxLength = (max: number): FieldError => ({
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${max} or fewer in length.`,
});
const badLength = (min: number, max: number): FieldError => ({
  code: 'BASE_TYPE_BAD_LENGTH',
  message: `Must be between ${min} and ${max} in length.`,
});
const REQUIRED: FieldError = { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
const NOT_STRING: FieldError = { code: 'BASE_TYPE_STRING', message: 'Could not interpret value as string.' };
const NOT_ARRAY: FieldError = { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' };

/**
 * Checks an optional string field: absent/null is fine unless `min` > 0 and `required`; otherwise its length in
 * code points must be within `min`..`max`.
 */
function checkString(
  errors: FormErrors,
  path: FieldPath,
  value: unknown,
  max: number,
  { min = 0, required = false }: { min?: number; required?: boolean } = {},
): void {
  if (value === undefined || value === null) {
    if (required) errors.add(path, REQUIRED);
    return;
  }
  if (typeof value !== 'string') {
    errors.add(path, NOT_STRING);
    return;
  }
  const n = length(value);
  if (n === 0 && required) errors.add(path, REQUIRED);
  else if (n < min) errors.add(path, min > 0 ? badLength(min, max) : maxLength(max));
  else if (n > max) errors.add(path, min > 0 ? badLength(min, max) : maxLength(max));
}

/** Returns `value` as an array, or records a type error and returns `undefined` when it is present but not one. */
function optionalArray(errors: FormErrors, path: FieldPath, value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    errors.add(path, NOT_ARRAY);
    return undefined;
  }
  return value;
}

/** Message flag that switches a message to the newer component system, whose layout rules are not emulated. */
export const IS_COMPONENTS_V2 = 1 << 15;

/**
 * Validates a message payload (interaction reply/update data, follow-up, edit, channel message) against content,
 * embed, component and allowed-mentions limits. Errors are added under `root` (`['data']` for callbacks).
 */
export function validateMessage(errors: FormErrors, root: FieldPath, payload: unknown): void {
  if (payload === undefined || payload === null) return;
  if (!isRecord(payload)) {
    errors.add(root, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return;
  }
  checkString(errors, [...root, 'content'], payload.content, 2000);
  validateEmbeds(errors, [...root, 'embeds'], payload.embeds);
  const flags = typeof payload.flags === 'number' ? payload.flags : 0;
  if ((flags & IS_COMPONENTS_V2) === 0)
    validateComponents(errors, [...root, 'components'], payload.components);
  validateAllowedMentions(errors, [...root, 'allowed_mentions'], payload.allowed_mentions);
}

/** True when a new message would have nothing to show, which Discord answers with 50006. */
export function isEmptyMessage(payload: Json, fileCount: number): boolean {
  const content = typeof payload.content === 'string' ? payload.content.trim() : '';
  const has = (key: string) => Array.isArray(payload[key]) && (payload[key] as unknown[]).length > 0;
  return (
    content === '' &&
    !has('embeds') &&
    !has('components') &&
    !has('sticker_ids') &&
    payload.poll == null &&
    fileCount === 0
  );
}

function validateEmbeds(errors: FormErrors, path: FieldPath, value: unknown): void {
  const embeds = optionalArray(errors, path, value);
  if (!embeds) return;
  if (embeds.length > 10) errors.add(path, maxLength(10));
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = [...path, i];
    if (!isRecord(embed)) {
      errors.add(at, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
      return;
    }
    const count = (v: unknown) => (typeof v === 'string' ? length(v) : 0);
    checkString(errors, [...at, 'title'], embed.title, 256);
    checkString(errors, [...at, 'description'], embed.description, 4096);
    total += count(embed.title) + count(embed.description);
    if (embed.color !== undefined && embed.color !== null) {
      if (typeof embed.color !== 'number' || !Number.isInteger(embed.color) || embed.color < 0) {
        errors.add([...at, 'color'], { code: 'NUMBER_TYPE_COERCE', message: 'Value is not int.' });
      } else if (embed.color > 0xffffff) {
        errors.add([...at, 'color'], {
          code: 'NUMBER_TYPE_MAX',
          message: 'int value should be less than or equal to 16777215.',
        });
      }
    }
    if (isRecord(embed.footer)) {
      checkString(errors, [...at, 'footer', 'text'], embed.footer.text, 2048, { required: true });
      total += count(embed.footer.text);
    }
    if (isRecord(embed.author)) {
      checkString(errors, [...at, 'author', 'name'], embed.author.name, 256, { required: true });
      total += count(embed.author.name);
    }
    const fields = optionalArray(errors, [...at, 'fields'], embed.fields) ?? [];
    if (fields.length > 25) errors.add([...at, 'fields'], maxLength(25));
    fields.forEach((field, j) => {
      const fieldPath = [...at, 'fields', j];
      if (!isRecord(field)) {
        errors.add(fieldPath, REQUIRED);
        return;
      }
      checkString(errors, [...fieldPath, 'name'], field.name, 256, { required: true });
      checkString(errors, [...fieldPath, 'value'], field.value, 1024, { required: true });
      total += count(field.name) + count(field.value);
    });
  });
  if (total > 6000) {
    errors.add(path, { code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  }
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const WIDTH_EXCEEDED: FieldError = {
  code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
  message: 'The specified component exceeds the maximum width',
};

function validateComponents(errors: FormErrors, path: FieldPath, value: unknown): void {
  const rows = optionalArray(errors, path, value);
  if (!rows) return;
  if (rows.length > 5) errors.add(path, maxLength(5));
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const rowPath = [...path, i];
    if (!isRecord(row) || row.type !== 1) {
      errors.add([...rowPath, 'type'], {
        code: 'UNION_TYPE_CHOICES',
        message: 'Value of field "type" must be one of (1,).',
      });
      return;
    }
    const children = optionalArray(errors, [...rowPath, 'components'], row.components) ?? [];
    if (children.length === 0) errors.add([...rowPath, 'components'], badLength(1, 5));
    if (children.length > 5) errors.add([...rowPath, 'components'], maxLength(5));
    const selects = children.filter(
      (c) => isRecord(c) && typeof c.type === 'number' && SELECT_TYPES.has(c.type),
    );
    if (selects.length > 0 && children.length > 1) errors.add([...rowPath, 'components'], WIDTH_EXCEEDED);
    children.forEach((child, j) => {
      validateComponent(errors, [...rowPath, 'components', j], child, seen);
    });
  });
}

function validateComponent(errors: FormErrors, path: FieldPath, component: unknown, seen: Set<string>): void {
  if (!isRecord(component)) {
    errors.add(path, REQUIRED);
    return;
  }
  const customId = component.custom_id;
  if (typeof customId === 'string') {
    if (seen.has(customId)) {
      errors.add([...path, 'custom_id'], {
        code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
        message: 'Component custom id cannot be duplicated',
      });
    }
    seen.add(customId);
  }
  if (component.type === 2) {
    const style = component.style;
    if (typeof style !== 'number' || style < 1 || style > 6) {
      errors.add([...path, 'style'], {
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of {1, 2, 3, 4, 5, 6}.',
      });
    }
    if (style === 5) {
      checkString(errors, [...path, 'url'], component.url, 512, { required: true });
      if (customId !== undefined && customId !== null) {
        errors.add([...path, 'custom_id'], {
          code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
          message: 'A custom id cannot be set on a link button',
        });
      }
    } else if (style !== 6) {
      checkString(errors, [...path, 'custom_id'], customId, 100, { min: 1, required: true });
      if (component.url !== undefined && component.url !== null) {
        errors.add([...path, 'url'], {
          code: 'BUTTON_COMPONENT_URL_NOT_ALLOWED',
          message: 'A url can only be set on a link button',
        });
      }
    }
    checkString(errors, [...path, 'label'], component.label, 80);
    if (style !== 6 && !component.label && !component.emoji) {
      errors.add([...path, 'label'], REQUIRED);
    }
    return;
  }
  if (typeof component.type === 'number' && SELECT_TYPES.has(component.type)) {
    checkString(errors, [...path, 'custom_id'], customId, 100, { min: 1, required: true });
    checkString(errors, [...path, 'placeholder'], component.placeholder, 150);
    const min = component.min_values;
    const max = component.max_values;
    if (min !== undefined && (typeof min !== 'number' || min < 0 || min > 25)) {
      errors.add([...path, 'min_values'], {
        code: 'NUMBER_TYPE_MAX',
        message: 'int value should be less than or equal to 25.',
      });
    }
    if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 25)) {
      errors.add([...path, 'max_values'], {
        code: 'NUMBER_TYPE_MAX',
        message: 'int value should be less than or equal to 25.',
      });
    }
    if (component.type === 3) {
      const options = optionalArray(errors, [...path, 'options'], component.options);
      if (!options || options.length === 0) {
        errors.add([...path, 'options'], badLength(1, 25));
        return;
      }
      if (options.length > 25) errors.add([...path, 'options'], badLength(1, 25));
      if (typeof max === 'number' && max > options.length) {
        errors.add([...path, 'max_values'], {
          code: 'SELECT_COMPONENT_MAX_VALUES_EXCEEDED',
          message: `Must be less than or equal to the number of options (${options.length}).`,
        });
      }
      options.forEach((option, k) => {
        const at = [...path, 'options', k];
        if (!isRecord(option)) {
          errors.add(at, REQUIRED);
          return;
        }
        checkString(errors, [...at, 'label'], option.label, 100, { min: 1, required: true });
        checkString(errors, [...at, 'value'], option.value, 100, { min: 1, required: true });
        checkString(errors, [...at, 'description'], option.description, 100);
      });
    }
    return;
  }
  errors.add([...path, 'type'], {
    code: 'UNION_TYPE_CHOICES',
    message: 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).',
  });
}

function validateAllowedMentions(errors: FormErrors, path: FieldPath, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    errors.add(path, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return;
  }
  const parse = optionalArray(errors, [...path, 'parse'], value.parse) ?? [];
  parse.forEach((p, i) => {
    if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
      errors.add([...path, 'parse', i], {
        code: 'BASE_TYPE_CHOICES',
        message: "Value must be one of ('roles', 'users', 'everyone').",
      });
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    const ids = optionalArray(errors, [...path, kind], value[kind]);
    if (!ids) continue;
    if (ids.length > 100) errors.add([...path, kind], maxLength(100));
    if (ids.length > 0 && parse.includes(kind)) {
      errors.add([...path, 'parse'], {
        code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      });
    }
  }
}

/** Validates the `data` of an autocomplete result (callback type 8). */
export function validateAutocomplete(errors: FormErrors, root: FieldPath, data: unknown): void {
  if (!isRecord(data)) {
    errors.add([...root, 'choices'], REQUIRED);
    return;
  }
  const choices = optionalArray(errors, [...root, 'choices'], data.choices);
  if (!choices) {
    errors.add([...root, 'choices'], REQUIRED);
    return;
  }
  if (choices.length > 25) errors.add([...root, 'choices'], maxLength(25));
  for (const [i, choice] of choices.entries()) validateChoice(errors, [...root, 'choices', i], choice);
}

function validateChoice(errors: FormErrors, path: FieldPath, choice: unknown): void {
  if (!isRecord(choice)) {
    errors.add(path, REQUIRED);
    return;
  }
  checkString(errors, [...path, 'name'], choice.name, 100, { min: 1, required: true });
  if (typeof choice.value === 'string') checkString(errors, [...path, 'value'], choice.value, 100);
  else if (typeof choice.value !== 'number') errors.add([...path, 'value'], REQUIRED);
}

/** Validates the `data` of a modal (callback type 9). */
export function validateModal(errors: FormErrors, root: FieldPath, data: unknown): void {
  if (!isRecord(data)) {
    errors.add(root, REQUIRED);
    return;
  }
  checkString(errors, [...root, 'custom_id'], data.custom_id, 100, { min: 1, required: true });
  checkString(errors, [...root, 'title'], data.title, 45, { min: 1, required: true });
  const rows = optionalArray(errors, [...root, 'components'], data.components);
  if (!rows || rows.length === 0 || rows.length > 5) errors.add([...root, 'components'], badLength(1, 5));
}

// The documented pattern for chat-input command and option names.
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const INVALID_NAME: FieldError = {
  code: 'APPLICATION_COMMAND_INVALID_NAME',
  message: 'Command name is invalid',
};

function checkName(errors: FormErrors, path: FieldPath, name: unknown): void {
  if (typeof name !== 'string' || name.length === 0) errors.add(path, REQUIRED);
  else if (!NAME_PATTERN.test(name) || name !== name.toLowerCase()) errors.add(path, INVALID_NAME);
}

/**
 * Validates a bulk-overwrite list of application commands (PUT …/commands), with errors keyed by list index as
 * Discord does (`{ 0: { name: { _errors: [...] } } }`).
 */
export function validateCommandList(errors: FormErrors, list: unknown): void {
  if (!Array.isArray(list)) {
    errors.add([], NOT_ARRAY);
    return;
  }
  // Discord allows 100 slash commands and 15 each of user and message context-menu commands per scope.
  const ofType = (type: number) => list.filter((c) => isRecord(c) && (c.type ?? 1) === type).length;
  if (ofType(1) > 100) errors.add([], maxLength(100));
  for (const [type, what] of [
    [2, 'user'],
    [3, 'message'],
  ] as const) {
    if (ofType(type) > 15) {
      errors.add([], {
        code: 'APPLICATION_COMMANDS_TOO_MANY',
        message: `Maximum number of ${what} context menu commands reached (15).`,
      });
    }
  }
  const seen = new Set<string>();
  list.forEach((command, i) => {
    validateCommand(errors, [i], command);
    if (isRecord(command)) {
      const key = `${command.type ?? 1}:${String(command.name)}`;
      if (seen.has(key)) {
        errors.add([i, 'name'], {
          code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
          message: 'Application command names must be unique',
        });
      }
      seen.add(key);
    }
  });
}

/** Validates one application command definition (POST …/commands, or an element of a PUT list). */
export function validateCommand(errors: FormErrors, path: FieldPath, command: unknown): void {
  if (!isRecord(command)) {
    errors.add(path, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return;
  }
  const type = command.type ?? 1;
  if (type === 1) {
    checkName(errors, [...path, 'name'], command.name);
    checkString(errors, [...path, 'description'], command.description, 100, { min: 1, required: true });
  } else if (type === 2 || type === 3) {
    // User and message commands show their name in a context menu, so capitals and spaces are allowed.
    checkString(errors, [...path, 'name'], command.name, 32, { min: 1, required: true });
    if (typeof command.description === 'string' && command.description !== '') {
      errors.add([...path, 'description'], {
        code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        message: 'Context menu commands cannot have a description',
      });
    }
  } else {
    errors.add([...path, 'type'], {
      code: 'BASE_TYPE_CHOICES',
      message: 'Value must be one of {1, 2, 3, 4}.',
    });
  }
  checkEnumList(errors, [...path, 'integration_types'], command.integration_types, [0, 1]);
  checkEnumList(errors, [...path, 'contexts'], command.contexts, [0, 1, 2]);
  const perms = command.default_member_permissions;
  if (perms !== undefined && perms !== null && (typeof perms !== 'string' || !/^\d+$/.test(perms))) {
    errors.add([...path, 'default_member_permissions'], {
      code: 'BASE_TYPE_STRING',
      message: 'Must be a permission bitfield string.',
    });
  }
  validateOptions(errors, [...path, 'options'], command.options, 0);
  if (commandSize(command) > 4000) {
    errors.add(path, {
      code: 'APPLICATION_COMMAND_TOO_LARGE',
      message: 'Command exceeds maximum size (4000)',
    });
  }
}

/**
 * `integration_types` (0 guild install, 1 user install) and `contexts` (0 server, 1 DM with the bot, 2 other DMs):
 * absent or null means Discord's default; otherwise a non-empty list of known values without repeats.
 */
function checkEnumList(
  errors: FormErrors,
  path: FieldPath,
  value: unknown,
  allowed: readonly number[],
): void {
  if (value === undefined || value === null) return;
  const list = optionalArray(errors, path, value);
  if (!list) return;
  if (list.length === 0) errors.add(path, badLength(1, allowed.length));
  list.forEach((v, i) => {
    if (typeof v !== 'number' || !allowed.includes(v)) {
      errors.add([...path, i], {
        code: 'ENUM_TYPE_COERCE',
        message: `Value "${String(v)}" is not a valid enum value.`,
      });
    }
  });
  if (new Set(list).size !== list.length) {
    errors.add(path, {
      code: 'SET_TYPE_ALREADY_CONTAINS_VALUE',
      message: 'The set already contains this value.',
    });
  }
}

// Discord caps the combined length of a command's names, descriptions and choice text at 4000 characters.
function commandSize(node: Json): number {
  const text = (v: unknown) => (typeof v === 'string' ? length(v) : 0);
  let size = text(node.name) + text(node.description);
  if (Array.isArray(node.choices)) {
    for (const c of node.choices) if (isRecord(c)) size += text(c.name) + text(c.value);
  }
  if (Array.isArray(node.options)) for (const o of node.options) if (isRecord(o)) size += commandSize(o);
  return size;
}

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

function validateOptions(errors: FormErrors, path: FieldPath, value: unknown, depth: number): void {
  const options = optionalArray(errors, path, value);
  if (!options) return;
  if (options.length > 25) errors.add(path, maxLength(25));
  const names = new Set<string>();
  let optionalSeen = false;
  let subcommands = 0;
  options.forEach((option, i) => {
    const at = [...path, i];
    if (!isRecord(option)) {
      errors.add(at, REQUIRED);
      return;
    }
    const type = option.type;
    if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 11) {
      errors.add([...at, 'type'], {
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.',
      });
      return;
    }
    checkName(errors, [...at, 'name'], option.name);
    checkString(errors, [...at, 'description'], option.description, 100, { min: 1, required: true });
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        errors.add([...at, 'name'], {
          code: 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
      }
      names.add(option.name);
    }
    if (type === SUBCOMMAND || type === SUBCOMMAND_GROUP) {
      subcommands += 1;
      if (depth > 1 || (type === SUBCOMMAND_GROUP && depth > 0)) {
        errors.add([...at, 'type'], {
          code: 'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
          message: 'Sub-command groups and sub-commands cannot be nested this deeply',
        });
      }
      validateOptions(errors, [...at, 'options'], option.options, depth + 1);
      return;
    }
    if (option.required === true && optionalSeen) {
      errors.add(path, {
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) optionalSeen = true;
    const choices = optionalArray(errors, [...at, 'choices'], option.choices);
    if (choices) {
      if (choices.length > 25) errors.add([...at, 'choices'], maxLength(25));
      for (const [k, choice] of choices.entries()) validateChoice(errors, [...at, 'choices', k], choice);
    }
    if (option.autocomplete === true) {
      if (choices && choices.length > 0) {
        errors.add([...at, 'autocomplete'], {
          code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES',
          message: 'Autocomplete cannot be combined with choices',
        });
      }
      if (type !== 3 && type !== 4 && type !== 10) {
        errors.add([...at, 'autocomplete'], {
          code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_TYPE',
          message: 'Autocomplete can only be set on string, integer and number options',
        });
      }
    }
    for (const [key, min] of [
      ['min_length', 0],
      ['max_length', 1],
    ] as const) {
      const n = option[key];
      if (n === undefined || n === null) continue;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > 6000) {
        errors.add([...at, key], {
          code: 'NUMBER_TYPE_MAX',
          message: `int value should be between ${min} and 6000.`,
        });
      }
    }
  });
  if (subcommands > 0 && subcommands < options.length) {
    errors.add(path, {
      code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      message: 'Sub-commands and sub-command groups cannot be mixed with other option types',
    });
  }
}
