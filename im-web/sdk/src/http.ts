/**
 * The HTTP API of PROTOCOL.md and the README (same origin: `/api/v1`). Every refusal becomes an
 * {@link ApiError} carrying the server's status, code and message; ids are decimal strings.
 */
import { ApiError, ErrorCode } from './errors.js';

export interface Endpoint {
  tcp: string;
  ws: string;
  load: number;
}

export interface LoginAnswer {
  token: string;
  userId: string;
  tenantId: string;
  expiresAt: number;
  endpoints: Endpoint[];
}

export interface Member {
  id: string;
  account: string;
  name: string;
  disabled: boolean;
}

export interface DepartmentNode {
  id: string;
  name: string;
  children: DepartmentNode[];
  members: Member[];
}

export interface SearchHit {
  msgId: string;
  convType: 'SINGLE' | 'GROUP';
  convId: string;
  fromUserId: string;
  sendTime: number;
  text: string;
  highlight: string;
  recalled?: boolean;
}

export interface SearchQuery {
  q: string;
  convType?: 'SINGLE' | 'GROUP';
  convId?: string;
  fromUserId?: string;
  from?: number;
  to?: number;
  page?: number;
  size?: number;
}

export interface GroupMember {
  userId: string;
  role: string;
  muted: boolean;
}

/** A colleague's profile from issue 17's employee routes (`GET /users?ids=`). */
export interface Profile {
  id: string;
  account: string;
  name: string;
  [more: string]: unknown;
}

type Query = Record<string, string | number | undefined>;

export class ImApi {
  token: string | null = null;

  constructor(private readonly base = '/api/v1', private readonly fetchImpl: typeof fetch = (...a) => fetch(...a)) {}

  async call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const qs = query ? Object.entries(query).filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&') : '';
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path + (qs ? `?${qs}` : ''), {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, ErrorCode.BUSY, `the server did not answer (${String(e)}); retry shortly`);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const b = parsed as { code?: number; message?: string } | undefined;
      throw new ApiError(res.status, b?.code ?? ErrorCode.INTERNAL, b?.message ?? `HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
    if (parsed === undefined) throw new ApiError(res.status, ErrorCode.INTERNAL, 'the answer is not JSON');
    return parsed as T;
  }

  async login(tenantCode: string, account: string, password: string): Promise<LoginAnswer> {
    const a = await this.call<LoginAnswer>('POST', '/auth/login', { tenantCode, account, password });
    this.token = a.token;
    return a;
  }

  async logout(): Promise<void> {
    try {
      await this.call('POST', '/auth/logout', {});
    } finally {
      this.token = null;
    }
  }

  // ---- tenant admin ----
  departmentTree(): Promise<DepartmentNode> {
    return this.call('GET', '/admin/departments/tree');
  }
  createDepartment(parentId: string, name: string): Promise<{ id: string }> {
    return this.call('POST', '/admin/departments', { parentId, name });
  }
  changeDepartment(id: string, change: { name?: string; parentId?: string }): Promise<unknown> {
    return this.call('PATCH', `/admin/departments/${id}`, change);
  }
  deleteDepartment(id: string): Promise<unknown> {
    return this.call('DELETE', `/admin/departments/${id}`);
  }
  setDepartmentAdmin(id: string, userId: string, admin: boolean): Promise<unknown> {
    return this.call('PUT', `/admin/departments/${id}/admins/${userId}`, { admin });
  }
  listUsers(departmentId: string | undefined, page: number, size: number): Promise<{ total: number; users: Member[] }> {
    return this.call('GET', '/admin/users', undefined, { departmentId, page, size });
  }
  createUser(u: { account: string; password: string; name: string; departmentIds: string[] }): Promise<{ id: string }> {
    return this.call('POST', '/admin/users', u);
  }
  updateUser(id: string, change: { name?: string; departmentIds?: string[]; disabled?: boolean }): Promise<unknown> {
    return this.call('PATCH', `/admin/users/${id}`, change);
  }
  setVisibility(departmentId: string, visibleTo: string[]): Promise<unknown> {
    return this.call('PUT', `/admin/visibility/${departmentId}`, { visibleTo });
  }
  adminSearch(q: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
    return this.call('GET', '/admin/search/messages', undefined, { ...q });
  }

  // ---- groups ----
  createGroup(name: string, memberIds: string[]): Promise<{ groupId: string }> {
    return this.call('POST', '/groups', { name, memberIds });
  }
  groupMembers(id: string): Promise<GroupMember[]> {
    return this.call('GET', `/groups/${id}/members`);
  }
  addGroupMembers(id: string, userIds: string[]): Promise<unknown> {
    return this.call('POST', `/groups/${id}/members`, { userIds });
  }
  removeGroupMember(id: string, userId: string): Promise<unknown> {
    return this.call('DELETE', `/groups/${id}/members/${userId}`);
  }
  muteGroupMember(id: string, userId: string, muted: boolean): Promise<unknown> {
    return this.call('PUT', `/groups/${id}/mute/${userId}`, { muted });
  }
  setGroupAdmin(id: string, userId: string, admin: boolean): Promise<unknown> {
    return this.call('PUT', `/groups/${id}/admins/${userId}`, { admin });
  }
  dismissGroup(id: string): Promise<unknown> {
    return this.call('DELETE', `/groups/${id}`);
  }

  // ---- employee ----
  search(q: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
    return this.call('GET', '/search/messages', undefined, { ...q });
  }
  /** Issue 17's batch lookup; answers 404 while that route is not deployed. */
  profiles(ids: string[]): Promise<Profile[] | { users: Profile[] }> {
    return this.call('GET', '/users', undefined, { ids: ids.join(',') });
  }
}
