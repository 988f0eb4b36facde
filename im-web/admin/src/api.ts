import { ImApi } from '@im/sdk';

/** One API client for the console; the token lives in sessionStorage so a reload keeps the login. */
export const api = new ImApi('/api/v1');
api.token = sessionStorage.getItem('im.admin.token');

export function remember(token: string | null): void {
  api.token = token;
  if (token) sessionStorage.setItem('im.admin.token', token);
  else sessionStorage.removeItem('im.admin.token');
}

export { describeError as describe } from '@im/sdk';
