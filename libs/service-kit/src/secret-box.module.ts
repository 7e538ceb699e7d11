import { DynamicModule, Module } from '@nestjs/common';
import { SecretBox } from '@whdb/core';
import { SECRET_BOX } from './tokens';

/** Provides the `SecretBox` (token `SECRET_BOX`) that encrypts integration secrets at rest. */
@Module({})
export class SecretBoxModule {
  static forRoot(base64Key: string): DynamicModule {
    return {
      module: SecretBoxModule,
      global: true,
      providers: [{ provide: SECRET_BOX, useValue: new SecretBox(base64Key) }],
      exports: [SECRET_BOX],
    };
  }
}
