// The benchmark's baseline: a bare Socket.IO relay with no database, no validation and no authentication.
// It carries the same traffic as the real gateway does for a customer message — the sender gets an ack, the
// agents' room gets `message:new` and a `conversation:updated` of similar size, and the customer's own room
// gets the `message:new` echo — so the difference to the persisted path is what the application adds
// (validation, access check, group commit, fan-out shaping), not the socket layer.
//
//   PORT=4123 npx tsx bench/bare-relay.ts   (prints "listening <port>" when ready; the benchmark starts it)
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const httpServer = http.createServer((req, res) => {
  res.writeHead(req.url?.startsWith('/api/health') ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});
const io = new Server(httpServer, { path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 20_000, pingTimeout: 20_000 });

let nextId = 1;
type Conv = { contactRoom: string; contactId: string; workspaceId: string; teamId: string; assigneeId: string; createdAt: string };
const conversations = new Map<string, Conv>();
const workspaceId = crypto.randomUUID();
const teamId = crypto.randomUUID();
const assigneeId = crypto.randomUUID();

io.on('connection', (socket) => {
  const auth = (socket.handshake.auth ?? {}) as { role?: string };
  if (auth.role === 'agent') {
    void socket.join('agents');
    return;
  }
  const contactId = crypto.randomUUID();
  const contactRoom = `contact:${contactId}`;
  void socket.join(contactRoom);

  socket.on('conversation:start', (_p: unknown, ack?: (a: unknown) => void) => {
    const conversationId = crypto.randomUUID();
    conversations.set(conversationId, { contactRoom, contactId, workspaceId, teamId, assigneeId, createdAt: new Date().toISOString() });
    ack?.({ ok: true, data: { conversationId, status: 'open', position: null, assigneeName: 'Bench Agent', assigneeAvatarUrl: null } });
  });

  socket.on('message:send', (p: { conversationId: string; clientId: string; body: string }, ack?: (a: unknown) => void) => {
    const conv = conversations.get(p?.conversationId);
    if (!conv) return ack?.({ ok: false, error: { code: 'NOT_FOUND', message: 'Conversation not found' } });
    const now = new Date().toISOString();
    const message = {
      id: nextId++,
      conversationId: p.conversationId,
      senderType: 'contact',
      senderId: null,
      senderName: null,
      senderAvatarUrl: null,
      kind: 'text',
      body: p.body,
      clientId: p.clientId,
      createdAt: now,
    };
    ack?.({ ok: true, data: message });
    io.to('agents').emit('message:new', message);
    // Same shape and size as the real ConversationSummary.
    io.to('agents').emit('conversation:updated', {
      id: p.conversationId,
      workspaceId: conv.workspaceId,
      status: 'open',
      priority: 'none',
      channel: 'web',
      assigneeId: conv.assigneeId,
      assigneeName: 'Bench Agent',
      teamId: conv.teamId,
      teamName: 'Bench Support',
      vendorId: null,
      vendorName: null,
      labels: [],
      contactId: conv.contactId,
      contactName: null,
      lastMessageId: message.id,
      lastMessageAt: now,
      lastMessagePreview: p.body.slice(0, 140),
      lastContactMessageId: message.id,
      snoozedUntil: null,
      createdAt: conv.createdAt,
      context: null,
      agentDeliveredUpTo: 0,
      agentReadUpTo: 0,
      contactDeliveredUpTo: 0,
      contactReadUpTo: 0,
    });
    io.to(conv.contactRoom).emit('message:new', message);
  });
});

httpServer.listen(port, '127.0.0.1', () => {
  const addr = httpServer.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : port}\n`);
});

const stop = () => {
  io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
