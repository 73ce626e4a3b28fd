import { describe, expect, it } from 'vitest';
import { placeKey } from '../../../audit/api.js';
import { placeKeys } from '../../../audit/writer.js';
import { RECORDED_TYPES } from '../../../auth/recorded-types.js';

describe('where the audit log places a record', () => {
  it('stores a place as its division and grid, taking the division from the grid where only the grid is known', () => {
    expect(placeKey({ gridCode: '510107001001', divisionCode: '510107' })).toBe('510107/510107001001');
    expect(placeKey({ gridCode: '510107001001', divisionCode: null })).toBe('510107/510107001001');
    expect(placeKey({ gridCode: null, divisionCode: '510107' })).toBe('510107');
    expect(placeKey({ gridCode: null, divisionCode: null })).toBeNull();
    // Nothing that could read as another place, or as a separator, is stored.
    expect(placeKey({ gridCode: '5101/7', divisionCode: '510107' })).toBeNull();
    expect(placeKey({ gridCode: null, divisionCode: '51%' })).toBeNull();
  });

  it('leaves an access without places when any record of it has none, or nothing was served', () => {
    const inside = { gridCode: '510107001001', divisionCode: '510107' };
    expect(placeKeys({ ids: ['a', 'b'], places: [inside, inside] })).toEqual(['510107/510107001001']);
    expect(placeKeys({ ids: ['a', 'b'], places: [inside, { gridCode: null, divisionCode: null }] })).toBeNull();
    expect(placeKeys({ ids: ['a'], places: null })).toBeNull();
    expect(placeKeys({ ids: ['a'] })).toBeNull();
    expect(placeKeys({ ids: [], places: [inside] })).toBeNull();
  });

  it('reads each recorded type’s place from the columns the table names, and none from a row without them', () => {
    for (const [name, recorded] of Object.entries(RECORDED_TYPES)) {
      expect(recorded.placeOf({}), name).toBeNull();
      const columns = recorded.place.match(/^row\.(\w+), row\.(\w+)/);
      if (!columns) {
        expect(recorded.placeOf({ gridCode: '510107001001', divisionCode: '510107' }), name).toBeNull();
        continue;
      }
      expect(recorded.placeOf({ [columns[1]!]: '510107001001', [columns[2]!]: '510107' }), name).toEqual({ gridCode: '510107001001', divisionCode: '510107' });
    }
    // A person lies where they live now; a reference holding only an id (another department's) lies nowhere.
    expect(RECORDED_TYPES.Person!.placeOf({ id: 'p', householdDivisionCode: '510107' })).toBeNull();
    // A grid reference holding only its code is placed by it.
    expect(RECORDED_TYPES.Grid!.placeOf({ code: '510107001001' })).toEqual({ gridCode: '510107001001', divisionCode: null });
  });
});
