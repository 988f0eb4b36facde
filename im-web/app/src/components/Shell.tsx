import { LogoutOutlined, PlusOutlined, SearchOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Tooltip } from 'antd';
import { useState } from 'react';
import type { ChatStore, ConvView } from '../store';
import { ChatView } from './ChatView';
import { NewChat, NewGroup } from './Dialogs';
import { SearchDrawer } from './SearchDrawer';

const STATE_TEXT: Record<string, string> = {
  idle: 'Starting…', connecting: 'Connecting…', online: 'Online', reconnecting: 'Connection lost, reconnecting…',
  closed: 'Signed out', kicked: 'Signed out on this device', unauthenticated: 'Session ended, sign in again',
};

export function preview(store: ChatStore, c: ConvView): string {
  const m = c.lastMessage;
  if (!m) return '';
  if (m.recalled) return 'A message was recalled';
  if (m.kind === 'GROUP_EVENT') return m.text || 'Group changed';
  const who = m.fromUserId === store.me ? 'You' : store.name(m.fromUserId);
  const body = m.contentType === 'TEXT' ? m.text : m.contentType === 'RED_PACKET' ? '[Red packet]' : `[${m.contentType.toLowerCase()}]`;
  return c.convType === 'GROUP' || m.fromUserId === store.me ? `${who}: ${body}` : body;
}

export function title(store: ChatStore, c: { convType: string; convId: string }): string {
  return c.convType === 'SINGLE' ? store.name(c.convId) : `Group ${c.convId}`;
}

export function Shell({ store, onSignedOut }: { store: ChatStore; onSignedOut: () => void }) {
  const [dialog, setDialog] = useState<'chat' | 'group' | 'search' | null>(null);
  const open = store.openKey ? store.conversations.get(store.openKey) ?? null : null;
  const convs = store.sortedConversations();
  const bad = store.state !== 'online';
  return (
    <div className={`shell${open ? ' chatting' : ''}`}>
      <aside className="side" aria-label="Conversations">
        <div className="side-head">
          <h1 title={store.account}>{store.account}</h1>
          <Tooltip title="Search my messages"><Button aria-label="Search my messages" icon={<SearchOutlined />} onClick={() => setDialog('search')} /></Tooltip>
          <Tooltip title="New chat"><Button aria-label="New chat" icon={<PlusOutlined />} onClick={() => setDialog('chat')} /></Tooltip>
          <Tooltip title="New group"><Button aria-label="New group" icon={<TeamOutlined />} onClick={() => setDialog('group')} /></Tooltip>
          <Tooltip title="Sign out"><Button aria-label="Sign out" icon={<LogoutOutlined />} onClick={async () => { await store.logout(); onSignedOut(); }} /></Tooltip>
        </div>
        <div className={`state${bad ? ' bad' : ''}`} role="status" aria-live="polite" data-state={store.state}>{STATE_TEXT[store.state]}</div>
        {store.notice && <Alert type="warning" showIcon closable message={store.notice} onClose={() => { store.notice = null; }} style={{ margin: 8 }} />}
        <ul className="conv-list">
          {convs.length === 0 && <li className="state">No conversations yet. Start one with +.</li>}
          {convs.map((c) => {
            const unread = store.unread(c);
            const name = title(store, c);
            return (
              <li key={c.key}>
                <button className="conv" aria-current={store.openKey === c.key} data-conv={c.key}
                  aria-label={`${name}${unread ? `, ${unread} unread` : ''}${store.mentioned(c) ? ', mentions you' : ''}`}
                  onClick={() => store.open(c.key)}>
                  <Badge count={unread} size="small" overflowCount={99}>
                    <span aria-hidden style={{ display: 'inline-flex', width: 36, height: 36, borderRadius: 18, background: c.convType === 'GROUP' ? '#237804' : '#1456c4', color: '#fff', alignItems: 'center', justifyContent: 'center', fontWeight: 600 }}>
                      {name.slice(0, 1)}
                    </span>
                  </Badge>
                  <span className="conv-body">
                    <span className="conv-title" style={{ display: 'block' }}>{name}</span>
                    <span className="conv-last" style={{ display: 'block' }}>
                      {store.mentioned(c) && <span className="mention">[@you] </span>}{preview(store, c)}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </aside>
      <main className="chat">
        {open ? <ChatView key={open.key} store={store} conv={open} /> : <div className="empty">Choose a conversation</div>}
      </main>
      <NewChat open={dialog === 'chat'} store={store} onClose={() => setDialog(null)} />
      <NewGroup open={dialog === 'group'} store={store} onClose={() => setDialog(null)} />
      <SearchDrawer open={dialog === 'search'} store={store} onClose={() => setDialog(null)} />
    </div>
  );
}
