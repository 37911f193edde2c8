package transparency

import (
	"github.com/placetrust/placetrust/internal/estate"
)

// Vocabularies: published spellings, normalised with normName, mapped to
// ours. Values not here are kept as note lines, never guessed.
var (
	tenureWords = map[string]estate.Tenure{
		"freehold": estate.TenureFreehold, "fh": estate.TenureFreehold, "virtualfreehold": estate.TenureFreehold,
		"leasehold": estate.TenureLeasehold, "lh": estate.TenureLeasehold, "lease": estate.TenureLeasehold,
		"leased": estate.TenureLeasehold, "longleasehold": estate.TenureLeasehold,
		"freeholdowned": estate.TenureFreehold, "ownedfreehold": estate.TenureFreehold, // "Freehold - Owned"
		"licence": estate.TenureLicence, "license": estate.TenureLicence,
		"other": estate.TenureOther,
	}
	detailWords = map[string]estate.TenureDetail{
		"occupied": estate.DetailOccupied, "owneroccupied": estate.DetailOccupied, "operational": estate.DetailOccupied,
		"inuse": estate.DetailOccupied, "occupiedbycouncil": estate.DetailOccupied,
		"vacant": estate.DetailVacant, "empty": estate.DetailVacant, "surplus": estate.DetailVacant,
		"leaseholdout": estate.DetailLeasedOut, "leasedout": estate.DetailLeasedOut, "leaseout": estate.DetailLeasedOut,
		"let": estate.DetailLeasedOut, "letout": estate.DetailLeasedOut, "tenanted": estate.DetailLeasedOut,
		"leaseholdin": estate.DetailLeasedIn, "leasedin": estate.DetailLeasedIn, "leasein": estate.DetailLeasedIn,
		"groundlease": estate.DetailGroundLease, "groundleasedout": estate.DetailGroundLease,
		"licence": estate.DetailLicence, "license": estate.DetailLicence, "licencedout": estate.DetailLicence,
		"licensedout": estate.DetailLicence,
	}
	holdingWords = map[string]estate.Holding{
		"building": estate.HoldingBuilding, "buildings": estate.HoldingBuilding,
		"land":          estate.HoldingLand,
		"landbuildings": estate.HoldingLandAndBuilding, "landbuilding": estate.HoldingLandAndBuilding,
		"landandbuildings": estate.HoldingLandAndBuilding, "landandbuilding": estate.HoldingLandAndBuilding,
		"buildingsland": estate.HoldingLandAndBuilding, "buildingland": estate.HoldingLandAndBuilding,
		"buildingsandland": estate.HoldingLandAndBuilding, "buildingandland": estate.HoldingLandAndBuilding,
		"landwithbuildings": estate.HoldingLandAndBuilding, "landandbuildingsandland": estate.HoldingLandAndBuilding,
		"landampbuildings": estate.HoldingLandAndBuilding,
	}
	listedWords = map[string]estate.Listed{
		"none": estate.ListedNone, "no": estate.ListedNone, "notlisted": estate.ListedNone,
		"ii": estate.ListedII, "2": estate.ListedII, "gradeii": estate.ListedII,
		"iistar": estate.ListedIIStar, "2star": estate.ListedIIStar, "gradeiistar": estate.ListedIIStar,
		"i": estate.ListedGradeI, "1": estate.ListedGradeI, "gradei": estate.ListedGradeI,
	}
)

// Labels our vocabulary is written with in Transparency Code columns;
// each reads back to the same value.
var (
	tenureLabels = map[estate.Tenure]string{
		estate.TenureFreehold: "Freehold", estate.TenureLeasehold: "Leasehold",
		estate.TenureLicence: "Licence", estate.TenureOther: "Other",
	}
	detailLabels = map[estate.TenureDetail]string{
		estate.DetailOccupied: "Occupied", estate.DetailVacant: "Vacant",
		estate.DetailLeasedOut: "Leased Out", estate.DetailLeasedIn: "Leased In",
		estate.DetailGroundLease: "Ground Lease", estate.DetailLicence: "Licence",
	}
	holdingLabels = map[estate.Holding]string{
		estate.HoldingBuilding: "Buildings", estate.HoldingLand: "Land",
		estate.HoldingLandAndBuilding: "Land/Buildings",
	}
)

// listedKey folds "II*" and "Grade II*" to keys without the star lost.
func listedKey(s string) string {
	n := normName(s)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '*' {
			return n + "star"
		}
	}
	return n
}
