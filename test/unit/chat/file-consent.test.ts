import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdSource, personalConversationId, type WireActivity } from '../../../scripts/chat/activities.js';
import { handleLine } from '../../../scripts/chat/commands.js';
import { startConnector, type RunningConnector } from '../../../scripts/chat/connector.js';
import { KATI, sessionRig } from './fixtures.js';

const KATI_CHAT = personalConversationId(KATI);

/** The bot's file consent card, as it arrives from the bot. */
function consentMessage(): WireActivity {
  return {
    type: 'message',
    id: 'consent-1',
    attachments: [{
      contentType: 'application/vnd.microsoft.teams.card.file.consent',
      name: 'rollid-2026-11-26.csv',
      content: { description: 'Kellel milline roll praegu on (CSV)', sizeInBytes: 42, acceptContext: { fileId: 'f-1' }, declineContext: { fileId: 'f-1' } },
    }],
  } as WireActivity;
}

describe('the local chat and Teams\' file consent card', () => {
  it('shows the card with Teams\' two buttons; "1" accepts with an upload address on the local connector', async () => {
    const rig = sessionRig();
    rig.presenter.showReplies([consentMessage()], KATI_CHAT);
    expect(rig.output()).toContain('📎 Fail: rollid-2026-11-26.csv (42 baiti)');
    expect(rig.output()).toContain('Kellel milline roll praegu on (CSV)');

    await handleLine(rig.session, '1');
    const invoke = rig.sent.at(-1)!;
    expect(invoke).toMatchObject({
      type: 'invoke',
      name: 'fileConsent/invoke',
      replyToId: 'consent-1',
      value: { type: 'fileUpload', action: 'accept', context: { fileId: 'f-1' }, uploadInfo: { name: 'rollid-2026-11-26.csv', uploadUrl: 'http://127.0.0.1:45678/upload/rollid-2026-11-26.csv' } },
    });
  });

  it('"2" declines, with no upload address', async () => {
    const rig = sessionRig();
    rig.presenter.showReplies([consentMessage()], KATI_CHAT);
    await handleLine(rig.session, '2');
    const invoke = rig.sent.at(-1)! as WireActivity & { value: Record<string, unknown> };
    expect(invoke.value).toEqual({ type: 'fileUpload', action: 'decline', context: { fileId: 'f-1' } });
  });

  describe('the local connector\'s upload address', () => {
    let connector: RunningConnector;
    const dir = mkdtempSync(join(tmpdir(), 'tugibot-chat-files-'));
    const rig = sessionRig();
    beforeAll(async () => {
      connector = await startConnector({ port: 0, onEvent: (event) => rig.presenter.showConnectorEvent(event), people: () => [], tenantId: () => 't', newId: createIdSource(), filesDir: dir });
    });
    afterAll(async () => {
      await connector.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('saves what the bot uploads in the files folder and says where', async () => {
      const csv = 'system,role\nSKAIS,skais.pension-register';
      const response = await fetch(`${connector.serviceUrl}upload/rollid.csv`, { method: 'PUT', headers: { 'content-range': `bytes 0-${csv.length - 1}/${csv.length}` }, body: csv });
      expect(response.status).toBe(201);
      expect(readFileSync(join(dir, 'rollid.csv'), 'utf8')).toBe(csv);
      expect(rig.output()).toContain(`(fail salvestatud: ${join(dir, 'rollid.csv')}, ${csv.length} baiti)`);
    });
  });
});
