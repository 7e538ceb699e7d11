import { randomBytes } from 'node:crypto';
import { opaqueId, SecretBox } from '@whdb/core';
import { connectDatabase, Database, OrganizationRecord, OrganizationRepository, runMigrations, runQuery, ServiceIntegrationRepository } from '@whdb/persistence';
import { CHANNEL_SERVICE, channelDirectory } from './channel-directory';

/**
 * The reconciler's view of the control plane (docs/behaviour/channel.md#sms-rows): every SMS row
 * change asks which channels depend on its SignalWire integration. That question must not read
 * the SignalWire integration's secrets: an integration with no channel, deleted, or written under
 * another keyring (another stack on the same broker) once made every one of its SMS fail and be
 * dead-lettered one at a time, holding up the channel's SMS on the same partitions.
 */
describe('channelDirectory', () => {
  let db: Database;
  let org: OrganizationRecord;
  const box = new SecretBox(SecretBox.generateKey());

  beforeAll(async () => {
    db = await connectDatabase(process.env['DATABASE_URL']!, { poolSize: 2 });
    await runMigrations(db);
    org = await new OrganizationRepository(db).create({ name: 'Channel directory', key: `t_chdir_${randomBytes(4).toString('hex')}` });
  });

  afterAll(async () => {
    await runQuery(db, 'DELETE FROM whdb.service_integrations WHERE organization_id = $1 AND depends_on_id IS NOT NULL', [org.id]);
    await runQuery(db, 'DELETE FROM whdb.service_integrations WHERE organization_id = $1', [org.id]);
    await runQuery(db, 'DELETE FROM whdb.organizations WHERE id = $1', [org.id]);
    await db.close();
  });

  const create = async (repository: ServiceIntegrationRepository, serviceName: string, dependsOnId?: number) => {
    const created = await repository.create({ organizationId: org.id, serviceName, tableName: `${serviceName}_${randomBytes(3).toString('hex')}`, opaqueId: opaqueId('svi'), dependsOnId });
    return repository.updateSettings(created.id, { backfillSecret: 'secret', backfillKey: serviceName === CHANNEL_SERVICE ? 'cha_front1' : 'project', apiUrl: serviceName === CHANNEL_SERVICE ? '(555) 000-1111' : 'space' });
  };

  it('finds no channel of a SignalWire integration without one, deleted, or whose secrets another keyring wrote, without failing', async () => {
    const foreign = new ServiceIntegrationRepository(db, new SecretBox(SecretBox.generateKey()));
    const unreadable = await create(foreign, 'signalwire_message_v1');
    const directory = channelDirectory(db, box, 5000);
    await expect(directory.dependentsOf(unreadable.opaqueId)).resolves.toEqual([]);
    await expect(directory.dependentsOf('svi_deleted0000000000000000')).resolves.toEqual([]);
  });

  it("finds a SignalWire integration's channels with their settings, and the channel by its own id", async () => {
    const repository = new ServiceIntegrationRepository(db, box);
    const signalwire = await create(repository, 'signalwire_message_v1');
    const channel = await create(repository, CHANNEL_SERVICE, signalwire.id);
    const directory = channelDirectory(db, box, 5000);
    const [found, ...more] = await directory.dependentsOf(signalwire.opaqueId);
    expect(more).toEqual([]);
    expect(found).toMatchObject({
      supportNumber: '+15550001111',
      table: { schema: expect.stringContaining(org.key), table: channel.tableName },
      target: { frontChannelId: 'cha_front1', channel: { opaque_id: channel.opaqueId }, signalwire: { opaque_id: signalwire.opaqueId } },
    });
    await expect(directory.channel(channel.opaqueId)).resolves.toEqual(found);
    await expect(directory.channel(signalwire.opaqueId)).resolves.toBeNull();
  });

  it('fails for a channel whose own secrets cannot be read (its SMS cannot be mirrored, so they are not silently dropped)', async () => {
    const foreign = new ServiceIntegrationRepository(db, new SecretBox(SecretBox.generateKey()));
    const signalwire = await create(foreign, 'signalwire_message_v1');
    await create(foreign, CHANNEL_SERVICE, signalwire.id);
    await expect(channelDirectory(db, box, 5000).dependentsOf(signalwire.opaqueId)).rejects.toMatchObject({ code: 'invariant_violated' });
  });
});
