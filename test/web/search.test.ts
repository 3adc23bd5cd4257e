import { describe, expect, it } from 'vitest';
import { matchScore, rankMatches, type SearchEntry } from '../../web/src/search.ts';

const entries: SearchEntry[] = [
  { id: 'mine:bra-niobium', kind: 'mine', name: 'Brazil niobium mine output (aggregate)', country: 'BRA' },
  { id: 'country:BRA', kind: 'country', name: 'Brazil' },
  { id: 'mineral:niobium', kind: 'mineral', name: 'Niobium' },
  { id: 'mine:araxa-icmm-1', kind: 'mine', name: 'Araxá', country: 'BRA' },
  { id: 'country:BRN', kind: 'country', name: 'Brunei Darussalam' },
];

describe('search ranking', () => {
  it('scores exact, prefix, word and substring matches in that order', () => {
    expect(matchScore(entries[1]!, 'brazil')).toBe(0);
    expect(matchScore(entries[0]!, 'brazil')).toBe(1);
    expect(matchScore(entries[0]!, 'niobium')).toBe(2);
    expect(matchScore(entries[3]!, 'rax')).toBe(3);
    expect(matchScore(entries[4]!, 'zzz')).toBeNull();
  });

  it('puts the country first for its name, then facilities', () => {
    expect(rankMatches(entries, 'Brazil').map((e) => e.id)).toEqual(['country:BRA', 'mine:bra-niobium']);
  });

  it('ranks the mineral before a facility that mentions it', () => {
    expect(rankMatches(entries, 'niob').map((e) => e.id)).toEqual(['mineral:niobium', 'mine:bra-niobium']);
  });

  it('matches ids too, dedupes, honours the limit and ignores blank queries', () => {
    expect(rankMatches([...entries, entries[1]!], 'country:bra').map((e) => e.id)).toEqual(['country:BRA']);
    expect(rankMatches(entries, 'br', 2)).toHaveLength(2);
    expect(rankMatches(entries, '   ')).toEqual([]);
  });
});

describe('fuzzy, accent-insensitive search', () => {
  const shipped: SearchEntry[] = [
    { id: 'mineral:niobium', kind: 'mineral', name: 'Niobium' },
    { id: 'mine:catalao-icmm01156', kind: 'mine', name: 'Catalao', country: 'BRA' },
    { id: 'country:CIV', kind: 'country', name: "Côte d'Ivoire" },
    { id: 'country:BRA', kind: 'country', name: 'Brazil' },
  ];
  it('finds a name one typo away ("niobum") after every exact, prefix and substring match', () => {
    expect(matchScore(shipped[0]!, 'niobum')).toBe(4);
    expect(rankMatches(shipped, 'niobum').map((e) => e.id)).toEqual(['mineral:niobium']);
    expect(matchScore(shipped[0]!, 'nibm')).toBeNull();
  });
  it('ignores accents on either side ("Catalão" finds Catalao, "cote" finds Côte d\'Ivoire)', () => {
    expect(rankMatches(shipped, 'Catalão').map((e) => e.id)).toEqual(['mine:catalao-icmm01156']);
    expect(matchScore(shipped[2]!, 'cote')).toBe(1);
  });
  it('keeps short words exact: "bra" is Brazil, not a typo of anything', () => {
    expect(rankMatches(shipped, 'bra').map((e) => e.id)).toEqual(['country:BRA']);
  });
});
