import { DynamicModule, Module } from '@nestjs/common';
import { EncryptionKeyring, SecretBox } from '@whdb/core';
import { SECRET_BOX } from './tokens';

/**
 * Provides the `SecretBox` (token `SECRET_BOX`) that encrypts integration secrets at rest, from the
 * keyring (`encryptionKeyringOf(config)`) or a single base64 key.
 */
@Module({})
export class SecretBoxModule {
  static forRoot(keys: string | EncryptionKeyring): DynamicModule {
    return {
      module: SecretBoxModule,
      global: true,
      providers: [{ provide: SECRET_BOX, useValue: new SecretBox(keys) }],
      exports: [SECRET_BOX],
    };
  }
}
