import { classifySmsMedia, frontAttachmentName, frontImportText, mimeTypeOfFileName, NO_BODY } from './front-import-body';

describe('Front import body rules (SPEC 15.6)', () => {
  it('appends the missing-row error, with <no body> for a blank body', () => {
    expect(frontImportText('  ', { kind: 'no_row', sid: 'SM1' })).toBe(`${NO_BODY}\nError: No replicated row for SMS SM1 found in database, attachments not found.`);
    expect(frontImportText('hi', { kind: 'no_row', sid: 'SM1' })).toBe('hi\nError: No replicated row for SMS SM1 found in database, attachments not found.');
  });

  it('gives <no body> for a blank body without media', () => {
    for (const blank of [null, undefined, '', ' \n ']) expect(frontImportText(blank, { kind: 'no_media' })).toBe(NO_BODY);
    expect(frontImportText('hello', { kind: 'no_media' })).toBe('hello');
  });

  it('appends the first text/plain item after the body, and <no body> only when all is blank', () => {
    expect(frontImportText('hello', { kind: 'media', firstText: 'from the file' })).toBe('hello\nfrom the file');
    expect(frontImportText(null, { kind: 'media', firstText: 'from the file' })).toBe('from the file');
    expect(frontImportText('', { kind: 'media', firstText: 'x' })).toBe('\nx');
    expect(frontImportText(null, { kind: 'media', firstText: null })).toBe(NO_BODY);
    expect(frontImportText('  ', { kind: 'media', firstText: ' ' })).toBe(NO_BODY);
  });

  it('names image attachments after the delivery day and counts them from 1', () => {
    const deliveredAt = Date.parse('2023-01-10T23:59:00Z') / 1000;
    expect(frontAttachmentName(deliveredAt, 1, 'image/jpeg')).toBe('20230110-attachment1.jpeg');
    expect(frontAttachmentName(deliveredAt, 2, 'image/png; charset=binary')).toBe('20230110-attachment2.png');
  });

  it('infers MIME types from extensions, octet-stream when unknown', () => {
    expect(mimeTypeOfFileName('a.jpeg')).toBe('image/jpeg');
    expect(mimeTypeOfFileName('a.PNG')).toBe('image/png');
    expect(mimeTypeOfFileName('a.x-weird')).toBe('application/octet-stream');
  });

  it('keeps the first text/plain and every image, ignoring other types', () => {
    const items = [{ content_type: 'text/html' }, { content_type: 'image/png' }, { content_type: 'text/plain', n: 1 }, { content_type: 'text/plain', n: 2 }, { content_type: 'image/gif' }];
    const { text, images } = classifySmsMedia(items);
    expect(text).toEqual({ content_type: 'text/plain', n: 1 });
    expect(images.map((i) => i.content_type)).toEqual(['image/png', 'image/gif']);
  });
});
