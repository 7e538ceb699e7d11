import { encodeMultipart } from './multipart-body';

describe('encodeMultipart', () => {
  it('round-trips text fields byte for byte (newlines kept) and binary files', async () => {
    const bytes = Uint8Array.from([0, 255, 13, 10, 45, 45]);
    const { contentType, body } = encodeMultipart([['body', 'line 1\nline 2'], ['sender[handle]', '+15550001111']], [{ name: 'attachments[0]', filename: '20261202-attachment1.png', contentType: 'image/png', bytes }]);
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('body')).toBe('line 1\nline 2');
    expect(form.get('sender[handle]')).toBe('+15550001111');
    const file = form.get('attachments[0]') as File;
    expect({ name: file.name, type: file.type }).toEqual({ name: '20261202-attachment1.png', type: 'image/png' });
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });
});
