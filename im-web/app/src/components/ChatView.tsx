import { ArrowLeftOutlined, InfoCircleOutlined, MoreOutlined } from '@ant-design/icons';
import type { ChatMessage, GroupMember, ReceiptDetail } from '@im/sdk';
import { App, Button, Drawer, Dropdown, List, Mentions, Modal, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { describe } from '../describe';
import type { ChatStore, ConvView } from '../store';
import { title } from './Shell';

const RECALL_WINDOW_MS = 24 * 3600 * 1000;

export function ChatView({ store, conv }: { store: ChatStore; conv: ConvView }) {
  const { modal } = App.useApp();
  const [text, setText] = useState('');
  const [members, setMembers] = useState<GroupMember[] | null>(null);
  const [membersError, setMembersError] = useState<string | null>(null);
  const [info, setInfo] = useState(false);
  const [receipt, setReceipt] = useState<ReceiptDetail | null>(null);
  const [sending, setSending] = useState(false);
  const mentionIds = useRef(new Map<string, string>());
  const list = useRef<VirtuosoHandle>(null);
  const messages = store.messages.get(conv.key) ?? [];
  const visible = useMemo(() => messages.filter((m) => m.kind !== 'RECALL'), [messages, messages.length, store.version()]);

  useEffect(() => {
    void store.loadReceipts(conv.key);
    if (conv.convType === 'GROUP') {
      store.api.groupMembers(conv.convId).then((ms) => {
        setMembers(ms);
        store.wantNames(ms.map((m) => m.userId));
      }, (e) => setMembersError(describe(e)));
    }
  }, [conv.key]);

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    const mentions = [...mentionIds.current.entries()].filter(([label]) => text.includes(`@${label}`)).map(([, id]) => id);
    setSending(true);
    setText('');
    mentionIds.current.clear();
    try {
      await store.send(conv, body, mentions);
      list.current?.scrollToIndex({ index: 'LAST', behavior: 'auto' });
    } catch (e) {
      setText(body);
      modal.error({ title: 'Not sent', content: describe(e) });
    } finally {
      setSending(false);
    }
  };

  const recall = (m: ChatMessage) => modal.confirm({
    title: 'Recall this message?', content: 'Everyone in the conversation will see that a message was recalled.', okText: 'Recall',
    onOk: async () => {
      try {
        await store.client!.recall(m.msgId);
        store.markRecalled(m.msgId); // RECALL_RESP 0: the server recalled it; the RECALL entry confirms it again
      } catch (e) {
        modal.error({ title: 'Recall refused', content: describe(e) });
      }
    },
  });

  const showReceipt = async (m: ChatMessage) => {
    try {
      const r = await store.client!.queryReceipt(m.msgId);
      store.wantNames([...r.readUserIds, ...r.unreadUserIds]);
      setReceipt(r);
    } catch (e) {
      modal.error({ title: 'Cannot load the receipt', content: describe(e) });
    }
  };

  const options = (members ?? []).filter((m) => m.userId !== store.me).map((m) => ({ value: store.name(m.userId), label: store.name(m.userId), key: m.userId }));

  return (
    <>
      <div className="chat-head">
        <Button className="back" aria-label="Back to conversations" icon={<ArrowLeftOutlined />} onClick={() => store.open(null)} />
        <h2 title={title(store, conv)}>{title(store, conv)}</h2>
        {conv.convType === 'GROUP' && <Button aria-label="Group info" icon={<InfoCircleOutlined />} onClick={() => setInfo(true)} />}
        <Dropdown menu={{ items: [
          { key: 'mute', label: 'Mute (waits for the server route)', disabled: true },
          { key: 'pin', label: 'Pin (waits for the server route)', disabled: true },
          { key: 'hide', label: 'Hide (waits for the server route)', disabled: true },
        ] }}>
          <Button aria-label="Conversation settings" icon={<MoreOutlined />} />
        </Dropdown>
      </div>
      <div className="msgs" role="log" aria-label={`Messages with ${title(store, conv)}`} aria-live="polite">
        <Virtuoso ref={list} data={visible} initialTopMostItemIndex={Math.max(0, visible.length - 1)} followOutput="auto"
          computeItemKey={(_, m) => m.msgId} increaseViewportBy={400}
          itemContent={(_, m) => <Bubble store={store} conv={conv} m={m} onRecall={recall} onReceipt={showReceipt} />} />
      </div>
      <div className="composer">
        <Mentions aria-label="Message" placeholder={conv.convType === 'GROUP' ? 'Message (type @ to mention)' : 'Message'}
          autoSize={{ minRows: 1, maxRows: 5 }} value={text} onChange={setText} options={options} maxLength={8192}
          onSelect={(o) => { if (o.value && o.key) mentionIds.current.set(String(o.value), String(o.key)); }}
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) { e.preventDefault(); void send(); } }} />
        <Button type="primary" onClick={() => void send()} loading={sending} disabled={store.state !== 'online'}>Send</Button>
      </div>
      <Modal open={receipt !== null} title="Read receipt" footer={null} onCancel={() => setReceipt(null)}>
        {receipt && (
          <>
            <Typography.Paragraph>{receipt.readCount} read, {receipt.unreadCount} unread</Typography.Paragraph>
            <Typography.Title level={5}>Read</Typography.Title>
            <List size="small" dataSource={receipt.readUserIds} locale={{ emptyText: 'Nobody yet' }} renderItem={(id) => <List.Item>{store.name(id)}</List.Item>} />
            <Typography.Title level={5}>Unread</Typography.Title>
            <List size="small" dataSource={receipt.unreadUserIds} locale={{ emptyText: 'Everyone has read it' }} renderItem={(id) => <List.Item>{store.name(id)}</List.Item>} />
          </>
        )}
      </Modal>
      <Drawer open={info} onClose={() => setInfo(false)} title={`Group ${conv.convId}`}>
        {membersError && <Typography.Text type="danger">{membersError}</Typography.Text>}
        <List size="small" header={`${members?.length ?? 0} members`} dataSource={members ?? []}
          renderItem={(m) => <List.Item>{store.name(m.userId)} {m.role !== 'MEMBER' && <Tag>{m.role.toLowerCase()}</Tag>} {m.muted && <Tag color="orange">muted</Tag>}</List.Item>} />
      </Drawer>
    </>
  );
}

function Bubble({ store, conv, m, onRecall, onReceipt }: {
  store: ChatStore; conv: ConvView; m: ChatMessage; onRecall: (m: ChatMessage) => void; onReceipt: (m: ChatMessage) => void;
}) {
  if (m.kind === 'GROUP_EVENT') return <div className="system">{m.text || 'The group changed'}</div>;
  const mine = m.fromUserId === store.me;
  const r = store.receipts.get(m.msgId);
  const time = new Date(m.sendTime).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const receiptText = !r ? null : conv.convType === 'SINGLE' ? (r.unreadCount === 0 ? 'Read' : 'Unread') : r.unreadCount === 0 ? 'All read' : `${r.unreadCount} unread`;
  return (
    <div className={`row${mine ? ' mine' : ''}`} data-msg-id={m.msgId}>
      <div>
        {!mine && conv.convType === 'GROUP' && <div className="meta">{store.name(m.fromUserId)}</div>}
        <div className="bubble" tabIndex={0} aria-label={`${mine ? 'You' : store.name(m.fromUserId)} at ${time}: ${m.recalled ? 'recalled' : m.text}`}>
          {m.recalled ? <em>This message was recalled</em> : m.contentType === 'TEXT' ? m.text : m.contentType === 'RED_PACKET' ? '[Red packet: open it in a client that supports red packets]' : `[${m.contentType.toLowerCase()}]`}
        </div>
        <div className="meta">
          <span>{time}</span>
          {mine && !m.recalled && m.needReceipt && receiptText && (
            <button className="receipt" data-receipt={m.msgId} onClick={() => onReceipt(m)} aria-label={`${receiptText}, show who read it`}>{receiptText}</button>
          )}
          {mine && !m.recalled && Date.now() - m.sendTime < RECALL_WINDOW_MS && (
            <button className="receipt" onClick={() => onRecall(m)} aria-label="Recall this message">Recall</button>
          )}
        </div>
      </div>
    </div>
  );
}
