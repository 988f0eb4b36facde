import type { DepartmentNode } from '@im/sdk';

export interface TreeOption {
  key: string;
  value: string;
  title: string;
  children: TreeOption[];
}

/** antd Tree/TreeSelect data from the server's tree (without its virtual root "0"). */
export function toOptions(nodes: DepartmentNode[]): TreeOption[] {
  return nodes.map((n) => ({ key: n.id, value: n.id, title: n.name, children: toOptions(n.children ?? []) }));
}

/** Department id -> "Parent / Child" path names. */
export function pathNames(root: DepartmentNode | null): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (n: DepartmentNode, prefix: string) => {
    for (const c of n.children ?? []) {
      const p = prefix ? `${prefix} / ${c.name}` : c.name;
      out.set(c.id, p);
      walk(c, p);
    }
  };
  if (root) walk(root, '');
  return out;
}

/** Finds a node by id. */
export function findNode(n: DepartmentNode | null, id: string): DepartmentNode | null {
  if (!n) return null;
  if (n.id === id) return n;
  for (const c of n.children ?? []) {
    const f = findNode(c, id);
    if (f) return f;
  }
  return null;
}

/** Which departments each member of the tree belongs to (the tree lists members per department). */
export function membership(root: DepartmentNode | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (n: DepartmentNode) => {
    for (const m of n.members ?? []) out.set(m.id, [...(out.get(m.id) ?? []), n.id]);
    for (const c of n.children ?? []) walk(c);
  };
  if (root) walk(root);
  return out;
}
