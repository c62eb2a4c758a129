import { describe, expect, it } from 'vitest';
import { MultistatusError, parseMultistatus } from '../../../../shared/sync/multistatus';

const apache = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:">
<D:response xmlns:lp1="DAV:"><D:href>/hub/01HV0000000000000000000000/</D:href>
<D:propstat><D:prop><lp1:resourcetype><D:collection/></lp1:resourcetype><lp1:getetag>W/"1000"</lp1:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
<D:propstat><D:prop><D:getcontentlength/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:"><D:href>/hub/01HV0000000000000000000000/00000001-01HVXXXXXXXXXXXXXXXXXXXXXX.cwb</D:href>
<D:propstat><D:prop><lp1:resourcetype/><lp1:getcontentlength>1234</lp1:getcontentlength><lp1:getetag>"4d2-5"</lp1:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response>
<D:response><D:href>http://hub.example/hub/01HV0000000000000000000000/a%20b.txt</D:href>
<D:propstat><D:prop><D:resourcetype></D:resourcetype><D:getcontentlength>5</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response>
<D:response><D:href>/hub/01HV0000000000000000000000/sub/deeper.cwb</D:href>
<D:propstat><D:prop><D:resourcetype/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response>
</D:multistatus>`;

describe('PROPFIND answers', () => {
  it('lists the direct members of the collection, not the collection itself', () => {
    expect(parseMultistatus(apache, '/hub/01HV0000000000000000000000/')).toEqual([
      { name: '00000001-01HVXXXXXXXXXXXXXXXXXXXXXX.cwb', isCollection: false, size: 1234, etag: '"4d2-5"' },
      { name: 'a b.txt', isCollection: false, size: 5, etag: null },
    ]);
    expect(parseMultistatus(apache, '/hub/')).toEqual([{ name: '01HV0000000000000000000000', isCollection: true, size: null, etag: 'W/"1000"' }]);
  });

  it('reads other prefixes and an empty collection', () => {
    const nextcloud = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:response><d:href>/remote.php/dav/files/u/hub/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`;
    expect(parseMultistatus(nextcloud, '/remote.php/dav/files/u/hub/')).toEqual([]);
    expect(parseMultistatus('<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"/>', '/')).toEqual([]);
  });

  it('refuses what is not a multistatus, with a reason', () => {
    for (const bad of ['<html><body>Login</body></html>', 'not xml <<<', '<D:multistatus xmlns:D="DAV:"><D:response><D:propstat/></D:response></D:multistatus>', `<D:multistatus xmlns:D="DAV:"><D:response><D:href>/x/y</D:href><D:propstat><D:prop><D:getcontentlength>-1</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`]) {
      expect(() => parseMultistatus(bad, '/x/')).toThrow(MultistatusError);
    }
    expect(() => parseMultistatus('<D:multistatus xmlns:D="DAV:"><D:response><D:href>/x/%E0%A4%A</D:href></D:response></D:multistatus>', '/x/')).toThrow(MultistatusError);
  });
});
