import type { AiStatus, MessageAnalysis } from '@/lib/contracts/ai';
import type { ChatService } from '@/server/chat/chat.service';
import type { EventBus } from '@/server/core/event-bus';
import { logger } from '@/server/core/logger';

type Classify = (texts: unknown[]) => Promise<(MessageAnalysis | Error)[]>;
type Pending = { workspaceId: string; vendorId: string | null; conversationId: string; messageId: number; body: string };

/**
 * Annotates every customer message after it was delivered: language, sentiment and intent from the models on
 * the worker thread, stored and pushed to the desk. Messages that arrive together are classified as one batch.
 * Without models (missing, failed to load) the desk works as before and /api/health says why.
 */
export class AiService {
  private classify: Classify | null = null;
  private state: AiStatus = { status: 'starting' };
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private bus: EventBus,
    private chat: ChatService,
  ) {}

  get status(): AiStatus {
    return this.state;
  }

  /** Starts annotating with this classifier (AiClient.classify on the worker). */
  attach(classify: Classify) {
    this.classify = classify;
    this.state = { status: 'ready' };
    this.unsubscribe ??= this.bus.on('message.created', ({ workspaceId, conversation, message }) => {
      if (message.senderType !== 'contact' || message.kind !== 'text') return;
      this.queue.push({ workspaceId, vendorId: conversation.vendorId, conversationId: message.conversationId, messageId: message.id, body: message.body });
      this.running ??= this.drain().finally(() => (this.running = null));
    });
  }

  unavailable(reason: string) {
    this.state = { status: 'unavailable', reason };
  }

  /** Waits until every queued message is annotated (tests, shutdown). */
  async idle() {
    while (this.running) await this.running;
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async drain() {
    // Let the rest of this burst of messages arrive, then classify them together.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length && this.classify) {
      const batch = this.queue.splice(0, 64);
      try {
        const results = await this.classify(batch.map((p) => p.body));
        const items = batch.flatMap((p, i) => {
          const r = results[i];
          if (!r || r instanceof Error) return [];
          const { lang, sentiment, sentimentScores, intent, intentConfidence } = r;
          return [{ ...p, annotation: { lang, sentiment, sentimentScores, intent, intentConfidence } }];
        });
        await this.chat.recordAnnotations(items.map(({ body: _body, ...rest }) => rest));
      } catch (e) {
        logger.warn('ai.annotate', { error: String(e), messages: batch.length });
      }
    }
  }
}
