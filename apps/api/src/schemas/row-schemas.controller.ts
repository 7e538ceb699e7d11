import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { JsonObject, rowChangeJsonSchema } from '@whdb/core';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';

/**
 * `GET /v1/schemas/rows/:service_name` (docs/api.md#row-schemas): the JSON Schema of the values of
 * `whdb.rows.<service_name>`, generated from the replicator's columns (the same document as
 * docs/schemas/<service_name>.rows.schema.json). No token needed: it describes tables, not data.
 */
@Controller('v1/schemas/rows')
export class RowSchemasController {
  constructor(@Inject(ReplicatorCatalog) private readonly catalog: ReplicatorCatalog) {}

  @Get(':service_name')
  rows(@Param('service_name') serviceName: string): JsonObject {
    const replicator = this.catalog.find(serviceName);
    if (!replicator) throw new NotFoundException(`There is no replicator named ${JSON.stringify(serviceName.slice(0, 100))}.`);
    return rowChangeJsonSchema(replicator.descriptor.name, replicator.schema);
  }
}
