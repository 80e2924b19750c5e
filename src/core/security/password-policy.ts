// Password policy in the habits of GB/T 22239-2019 (网络安全等级保护基本要求) level 2, 8.1.4.1 身份鉴别 a):
// "身份标识具有唯一性，身份鉴别信息具有复杂度要求并定期更换". Gongkai's rule (decision 063):
//   1. 8 to 200 characters;
//   2. at least 3 of the 4 character classes (lower-case, upper-case, digits, other characters such
//      as symbols or Chinese), OR at least 12 characters (a pass phrase is as strong and easier to keep);
//   3. does not contain the user name (ignoring case; user names of 3 characters or more), forwards or
//      backwards;
//   4. is not in the list of common passwords (ignoring case);
//   5. on a change: differs from the current password (checked by the caller, which has the hash).
// Pure: the common-password set is passed in (features/auth/common-passwords.ts loads the shipped list).

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSPHRASE_LENGTH = 12;

export interface PasswordContext {
  username?: string;
  /** lower-cased common passwords */
  common: ReadonlySet<string>;
}

export function characterClasses(password: string): number {
  let n = 0;
  if (/\p{Ll}/u.test(password)) n += 1;
  if (/\p{Lu}/u.test(password)) n += 1;
  if (/\p{Nd}/u.test(password)) n += 1;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) n += 1;
  return n;
}

/** Every rule the password breaks, in plain Chinese (empty when it may be used). */
export function passwordPolicyProblems(password: string, ctx: PasswordContext): string[] {
  const out: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) out.push(`密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (length > PASSWORD_MAX_LENGTH) out.push(`密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`);
  if (length >= PASSWORD_MIN_LENGTH && length < PASSPHRASE_LENGTH && characterClasses(password) < 3) {
    out.push(`密码须包含小写字母、大写字母、数字、符号中的至少三类（或长度不少于 ${PASSPHRASE_LENGTH} 个字符）`);
  }
  const lower = password.toLowerCase();
  const user = ctx.username?.trim().toLowerCase() ?? '';
  if (user.length >= 3 && (lower.includes(user) || lower.includes([...user].reverse().join('')))) {
    out.push('密码不能包含用户名');
  }
  if (ctx.common.has(lower)) out.push('该密码过于常见，容易被猜中，请换一个');
  return out;
}
