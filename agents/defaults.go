package agents

import (
	"time"

	"github.com/sahelsim/sahelsim/sim"
)

// Default returns the model's default parameters: the report's window, the
// seven groups with their documented defaults, the security forces, and no
// policy lever. Zones are scenario data (see scenarios/baseline.toml); with
// none, every cell is in the zone "rest".
func Default() Params {
	d := func(y int, m time.Month, day int) sim.Date { return sim.NewDate(y, m, day) }
	return Params{
		Start:    d(2017, 1, 1),
		End:      d(2020, 9, 30),
		StepDays: 7,
		Seed:     1,
		Map:      MapParams{Resolution: 0.5},
		Zones:    map[string]*Zone{},
		Groups: Groups{
			FLM: GroupParams{
				Label: "Macina Liberation Front (FLM)", Coalition: "JNIM", Fighters: 500,
				Leader: "Amadou Koufa", Succession: 0.9, SuccessionWeeks: 8,
				Political: 0.2,
				Tempo:     0.08, Civilians: 0.9, Leaders: 0.35, Security: 1.2, Explosive: 0.4, Kidnap: 0.1, Rivals: 0.4, Claims: 0.1, Lethality: 1.0,
				Areas: []string{"Mopti", "Ségou", "Sahel", "Nord"}, Home: [2]float64{14.5, -4.3}, HomeKm: 200,
				Recruit: 5.5, Outside: 0.6, Ideological: 0.5, Mobility: 18, Expansion: 1.15,
				Treasury: 2e6, Upkeep: 1200, Transit: 0.15, Mining: 0.15, Zakat: 2.0, Ransom: 50000, Governance: 0.9,
				Cohesion: 0.75, Dissension: 0.5, Negotiate: 0.3,
			},
			AnsarDine: GroupParams{
				Label: "Ansar Dine", Coalition: "JNIM", Fighters: 500,
				Leader: "Iyad Ag Ghali", Succession: 0.9, SuccessionWeeks: 8,
				Political: 0.85,
				Tempo:     0.04, Civilians: 0.03, Leaders: 0.05, Security: 1.5, Explosive: 1.0, Kidnap: 0.1, Rivals: 0.3, Claims: 0.3, Lethality: 1.0,
				Areas: []string{"Kidal", "Tombouctou", "Gao"}, Home: [2]float64{18.4, 1.4}, HomeKm: 350,
				Recruit: 0.6, Outside: 0.1, Ideological: 0.4, Mobility: 30, Expansion: 0.6,
				Treasury: 5e6, Upkeep: 2000, Transit: 0.3, Mining: 0.2, Zakat: 0.5, Ransom: 2e6, Governance: 0.3,
				Cohesion: 0.85, Dissension: 0.2, Negotiate: 0.6,
			},
			KatibaSerma: GroupParams{
				Label: "Katiba Serma", Coalition: "JNIM", Fighters: 100,
				Leader: "Abu Jalil al Fulani", Succession: 0.8, SuccessionWeeks: 8,
				Political: 0.3,
				Tempo:     0.07, Civilians: 0.5, Leaders: 0.2, Security: 1.2, Explosive: 0.8, Kidnap: 0.1, Rivals: 0.3, Claims: 0.1, Lethality: 1.0,
				Areas: []string{"Mopti"}, Home: [2]float64{15.1, -1.9}, HomeKm: 120,
				Recruit: 3, Outside: 0.3, Ideological: 0.5, Mobility: 20, Expansion: 0.8,
				Treasury: 3e5, Upkeep: 1200, Transit: 0.15, Mining: 0.1, Zakat: 1.0, Ransom: 50000, Governance: 0.5,
				Cohesion: 0.7, Dissension: 0.4, Negotiate: 0.2,
			},
			AnsaroulIslam: GroupParams{
				Label: "Ansaroul Islam", Coalition: "JNIM", Fighters: 200,
				Leader: "Ibrahim Dicko", LeaderKilled: d(2017, 6, 1), Succession: 0.9, SuccessionWeeks: 12,
				Political: 0.25,
				Tempo:     0.07, Civilians: 0.7, Leaders: 0.4, Security: 1.2, Explosive: 0.6, Kidnap: 0.1, Rivals: 0.3, Claims: 0.05, Lethality: 1.0,
				Areas: []string{"Sahel", "Nord"}, Home: [2]float64{14.1, -1.6}, HomeKm: 150,
				Recruit: 3, Outside: 0.5, Ideological: 0.45, Mobility: 30, Expansion: 2.0,
				Treasury: 3e5, Upkeep: 1000, Transit: 0.15, Mining: 0.25, Zakat: 1.0, Ransom: 30000, Governance: 0.6,
				Cohesion: 0.6, Dissension: 0.5, Negotiate: 0.1,
			},
			AQIMSahara: GroupParams{
				Label: "AQIM Sahara", Coalition: "JNIM", Fighters: 150,
				Leader: "Djamel Okacha", LeaderKilled: d(2019, 2, 21), Succession: 0.2, SuccessionWeeks: 26,
				Political: 0.4,
				Tempo:     0.04, Civilians: 0.05, Leaders: 0.05, Security: 1.5, Explosive: 1.0, Kidnap: 0.3, Rivals: 0.2, Claims: 0.4, Lethality: 1.0,
				Areas: []string{"Tombouctou"}, Home: [2]float64{16.8, -3.0}, HomeKm: 300,
				Recruit: 0.3, Outside: 0.1, Ideological: 0.7, Mobility: 30, Expansion: 0.5,
				Treasury: 3e6, Upkeep: 2500, Transit: 0.3, Mining: 0.1, Zakat: 0.2, Ransom: 2e6, Governance: 0.2,
				Cohesion: 0.7, Dissension: 0.3, Negotiate: 0.1,
			},
			AlMourabitoun: GroupParams{
				Label: "al Mourabitoun", Coalition: "JNIM", Fighters: 100,
				Leader: "Mohamed Ould Nouini", LeaderKilled: d(2019, 11, 1), Succession: 0.2, SuccessionWeeks: 26,
				Political: 0.4,
				Tempo:     0.04, Civilians: 0.05, Leaders: 0.05, Security: 1.5, Explosive: 1.0, Kidnap: 0.3, Rivals: 0.2, Claims: 0.4, Lethality: 1.0,
				Areas: []string{"Gao"}, Home: [2]float64{16.3, 0.0}, HomeKm: 250,
				Recruit: 0.3, Outside: 0.1, Ideological: 0.6, Mobility: 30, Expansion: 0.5,
				Treasury: 2e6, Upkeep: 2500, Transit: 0.3, Mining: 0.1, Zakat: 0.2, Ransom: 2e6, Governance: 0.2,
				Cohesion: 0.7, Dissension: 0.3, Negotiate: 0.1,
			},
			ISGS: GroupParams{
				Label: "Islamic State in the Greater Sahara (ISGS)", Coalition: "", Fighters: 250,
				Leader: "Adnan Abu Walid al-Sahrawi", Succession: 0.8, SuccessionWeeks: 8,
				Political: 0.1,
				Tempo:     0.11, Civilians: 0.6, Leaders: 0.3, Security: 1.5, Explosive: 0.5, Kidnap: 0.1, Rivals: 1.0, Claims: 0.4, Lethality: 1.2,
				Areas: []string{"Tillabéri", "Tahoua", "Gao", "Sahel"}, Home: [2]float64{15.3, 1.0}, HomeKm: 200,
				Recruit: 8.5, Outside: 0.5, Ideological: 0.5, Mobility: 35, Expansion: 1.0,
				Treasury: 1e6, Upkeep: 1000, Transit: 0.2, Mining: 0.2, Zakat: 1.0, Ransom: 50000, Governance: 0.5,
				Cohesion: 0.8, Dissension: 0.3, Negotiate: 0.0,
			},
		},
		Fighters: FighterParams{
			Defection: 0.004, Realign: 0.35, Criminal: 0.4, Recidivism: 0.002, Pressure: 1.0, MoveShare: 0.5, BandSize: 30,
		},
		Communities: CommunityParams{
			Grievance: 0.3, GrievanceDecay: 0.01, FearDecay: 0.05, StigmaDecay: 0.01, ReprisalHarm: 0.2, AttackFear: 0.2,
			LeadersPer: 3, Militia: 0.05, Displacement: 0.02, FearThreshold: 0.3, Return: 0.01, Resistance: 1.0,
		},
		Forces: Forces{
			MaliArmy: ForceParams{Label: "Malian Armed Forces (FAMa)", Kind: National, Countries: []string{"MLI"},
				Units: 40, Strength: 150, Posture: Blunt, Intelligence: 0.25, Mobility: 40},
			BurkinaArmy: ForceParams{Label: "Burkina Faso Armed Forces", Kind: National, Countries: []string{"BFA"},
				Units: 30, Strength: 150, Posture: Blunt, Intelligence: 0.2, Mobility: 40},
			NigerArmy: ForceParams{Label: "Niger Armed Forces", Kind: National, Countries: []string{"NER"},
				Units: 15, Strength: 150, Posture: Blunt, Intelligence: 0.25, Mobility: 40},
			International: ForceParams{Label: "International forces (Barkhane, MINUSMA)", Kind: International, Countries: []string{"MLI", "BFA", "NER"},
				Units: 15, Strength: 300, Posture: Discriminating, Intelligence: 0.5, Mobility: 80},
			Militias: ForceParams{Label: "Auxiliaries and militias", Kind: Auxiliary, Countries: []string{"MLI", "BFA"},
				Units: 20, Strength: 100, Posture: Blunt, Intelligence: 0.3, Mobility: 15},
			Presence: 150, Sustained: 12, Reach: 150, Lethality: 0.25, Blunt: 0.35, Collateral: 2.0, Capture: 0.3, Decapitation: 0.01,
		},
		Attribution: AttributionParams{Base: 0.05, Sharing: 0.2, Generic: 0.7, Accuracy: 0.85},
		Illicit:     IllicitParams{Trafficking: 40e6, Road: 10e6, GoldKg: 60, GoldPrice: 46900, Recovery: 0.02, Switch: 2},
	}
}

// defaultLever is the part every lever shares: from 2018-01-01, full
// intensity, everywhere and against every group unless narrowed.
func defaultLever() Lever {
	return Lever{Start: sim.NewDate(2018, 1, 1), Intensity: 1}
}

// SetDefaults fills d with the lever's documented defaults.
func (d *Disaggregation) SetDefaults() {
	*d = Disaggregation{Lever: defaultLever(), Gathering: 0.4, Sharing: 0.6}
}

// SetDefaults fills c with the lever's documented defaults.
func (c *Counterinsurgency) SetDefaults() {
	l := defaultLever()
	l.Zones = []string{"central_mali", "northern_burkina"}
	*c = Counterinsurgency{Lever: l, Units: 20, Strength: 150, Posture: Discriminating, Interdiction: 0.5,
		CutOff: []string{"southwestern_burkina"}}
}

// SetDefaults fills n with the lever's documented defaults.
func (n *IllicitNetworks) SetDefaults() {
	l := defaultLever()
	l.Groups = []string{"ansar_dine"}
	*n = IllicitNetworks{Lever: l, Enforcement: 0.03, Standing: 0.005}
}

// SetDefaults fills c with the lever's documented defaults.
func (c *CommunityProtection) SetDefaults() {
	l := defaultLever()
	l.Zones = []string{"central_mali", "northern_burkina"}
	*c = CommunityProtection{Lever: l, Units: 30, Strength: 100, LeaderGuard: 0.6, Regularise: 0.5}
}

// SetDefaults fills s with the lever's documented defaults.
func (s *PoliticalSettlement) SetDefaults() {
	l := defaultLever()
	l.Groups = []string{"ansar_dine"}
	*s = PoliticalSettlement{Lever: l, Talks: 0.02, Ceasefire: 0.8, Split: 0.5}
}

// SetDefaults fills r with the lever's documented defaults.
func (r *Reintegration) SetDefaults() {
	*r = Reintegration{Lever: defaultLever(), Capacity: 3000, Amnesty: 3.0, Acceptance: 0.7, Weeks: 26, Deterrence: 0.25}
}
