import { FileDirectory } from '../../../src/storage/file-directory.js';
import { AudienceResolver } from '../../../src/features/incidents/audience-resolver.js';
import { compactAudience, describeAudience, readAudienceFields } from '../../../src/features/incidents/audience.js';
import { emptyDirectory } from '../../../src/shared/directory.js';
import { silentLogger } from '../../../src/shared/logger.js';

const directory = FileDirectory.of([
  { id: 'A1', name: 'Kati', department: 'Pensionide osakond', jobTitle: 'Menetleja', groups: ['SKAIS kasutajad'] },
  { id: 'b2', name: 'Mari', department: 'pensionide osakond ', jobTitle: 'Juhataja' },
  { id: 'c3', name: 'Toomas', department: 'Üldosakond', jobTitle: 'Menetleja' },
  { id: 'd4', name: 'Eve', department: 'Üldosakond', jobTitle: 'Infoturbejuht', groups: ['skais kasutajad'] },
]);

describe('notice audiences', () => {
  it('reads the form fields, split on commas and semicolons, without repeats', () => {
    expect(readAudienceFields({ departments: 'Pensionide osakond; Üldosakond,Pensionide osakond', jobTitles: ' ', groups: 'SKAIS kasutajad' }))
      .toEqual({ departments: ['Pensionide osakond', 'Üldosakond'], jobTitles: [], groups: ['SKAIS kasutajad'] });
    expect(compactAudience({ departments: [], jobTitles: [], groups: [] })).toBeUndefined();
  });

  it('names the audience in both languages', () => {
    const audience = { departments: ['Pensionide osakond'], jobTitles: ['Menetleja'], groups: [{ id: 'g', name: 'SKAIS kasutajad' }] };
    expect(describeAudience(audience, 'et')).toBe('osakond: Pensionide osakond; ametinimetus: Menetleja; grupp: SKAIS kasutajad');
    expect(describeAudience(audience, 'en')).toBe('department: Pensionide osakond; job title: Menetleja; group: SKAIS kasutajad');
  });

  it('finds people by department, job title and group in the directory file, without case, as one set', async () => {
    const resolver = new AudienceResolver({ directory, logger: silentLogger() });
    const [group] = await resolver.resolveGroups(['Skais Kasutajad']);
    expect(group.name).toBe('SKAIS kasutajad');
    expect([...(await resolver.people({ departments: ['PENSIONIDE OSAKOND'] }))].sort()).toEqual(['a1', 'b2']);
    expect([...(await resolver.people({ jobTitles: ['menetleja'], groups: [group] }))].sort()).toEqual(['a1', 'c3', 'd4']);
    await expect(resolver.resolveGroups(['Olematu'])).rejects.toMatchObject({ code: 'INCIDENT_AUDIENCE_GROUP_UNKNOWN' });
  });

  it('refuses targeting when the directory cannot list people', async () => {
    const resolver = new AudienceResolver({ directory: emptyDirectory, logger: silentLogger() });
    await expect(resolver.people({ departments: ['Üldosakond'] })).rejects.toMatchObject({ code: 'INCIDENT_AUDIENCE_UNSUPPORTED' });
  });
});
