import { useState, useSyncExternalStore } from 'react';
import { ChatStore } from './store';
import { Login } from './components/Login';
import { Shell } from './components/Shell';

const store = new ChatStore();
document.addEventListener('visibilitychange', () => {
  store.pageVisible = document.visibilityState === 'visible';
  if (store.pageVisible) void store.markOpenRead();
});
// For the browser tests and the benchmark: the store, read-only by convention.
(window as unknown as { imStore: ChatStore }).imStore = store;

export function Client() {
  const [signedIn, setSignedIn] = useState(false);
  useSyncExternalStore(store.subscribe, store.version);
  if (!signedIn) return <Login store={store} onDone={() => setSignedIn(true)} />;
  return <Shell store={store} onSignedOut={() => { setSignedIn(false); location.reload(); }} />;
}
