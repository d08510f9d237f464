/** What a request field holds in a sign-up or login body. */
export type CredentialField = 'password' | 'password-confirmation' | 'email' | 'username' | 'name';

const PASSWORD = new Set([
  'password',
  'pass',
  'passwd',
  'pwd',
  'passphrase',
  'userpassword',
  'newpassword',
  'secret',
]);
const CONFIRMATION = new Set([
  'passwordconfirm',
  'passwordconfirmation',
  'confirmpassword',
  'password2',
  'repassword',
  'repeatpassword',
  'passwordrepeat',
  'verifypassword',
  'passwordagain',
  'retypepassword',
  'confirm',
]);
const EMAIL = new Set(['email', 'mail', 'emailaddress', 'useremail', 'emailid']);
const USERNAME = new Set([
  'username',
  'user',
  'login',
  'loginname',
  'loginid',
  'handle',
  'account',
  'accountname',
  'usernameoremail',
  'emailorusername',
  'identifier',
  'nickname',
  'nick',
  'uname',
]);
const NAME = new Set([
  'name',
  'firstname',
  'lastname',
  'fullname',
  'displayname',
  'givenname',
  'familyname',
  'surname',
]);

/** Classifies a body field by its name (`user_name`, `passwordConfirmation`, `E-Mail`), or undefined. */
export function classifyCredentialField(name: string): CredentialField | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (PASSWORD.has(key)) return 'password';
  if (CONFIRMATION.has(key)) return 'password-confirmation';
  if (EMAIL.has(key)) return 'email';
  if (USERNAME.has(key)) return 'username';
  if (NAME.has(key)) return 'name';
  return undefined;
}
