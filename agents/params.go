package agents

import "github.com/sahelsim/sahelsim/sim"

// Params is everything a scenario sets for the Sahel model. Field tags say
// how each key is named in TOML (toml), what it means (doc), its unit,
// allowed range (min, max) or values (enum), and where its default comes
// from (src: a figure in the report, a public estimate, or an assumption).
// The scenario loader enforces the ranges and the model documentation's
// parameter tables are generated from these tags.
type Params struct {
	Start    sim.Date `toml:"start" doc:"first day simulated" src:"report: ACLED data window starts 2017"`
	End      sim.Date `toml:"end" doc:"last day simulated (inclusive)" src:"report: data to 30 September 2020"`
	StepDays int      `toml:"step_days" doc:"length of one step" unit:"days" min:"1" max:"91" src:"assumption: weekly decisions"`
	Seed     uint64   `toml:"seed" doc:"base random seed; replicate r uses the stream (seed, r)" src:"-"`

	Map         MapParams         `toml:"map"`
	Zones       map[string]*Zone  `toml:"zones" doc:"analysis zones: admin-1 regions grouped as in the report; cells of unlisted regions form the zone \"rest\""`
	Groups      Groups            `toml:"groups"`
	Fighters    FighterParams     `toml:"fighters"`
	Communities CommunityParams   `toml:"communities"`
	Forces      Forces            `toml:"forces"`
	Attribution AttributionParams `toml:"attribution"`
	Illicit     IllicitParams     `toml:"illicit"`
	Policy      Policy            `toml:"policy"`
}

// MapParams sets the grid.
type MapParams struct {
	Resolution float64 `toml:"resolution" doc:"grid cell size" unit:"degrees" min:"0.0625" max:"1" src:"assumption: 0.5° ≈ 55 km, the scale of a cercle or province"`
}

// A Zone is an analysis zone: a named set of admin-1 regions.
type Zone struct {
	Label   string   `toml:"label" doc:"display name"`
	Regions []string `toml:"regions" doc:"admin-1 regions (official names) that form the zone"`
}

// Groups holds one parameter table per component group. The set of groups
// is fixed: the six JNIM members named by the report and ISGS, its rival.
type Groups struct {
	FLM           GroupParams `toml:"flm"`
	AnsarDine     GroupParams `toml:"ansar_dine"`
	KatibaSerma   GroupParams `toml:"katiba_serma"`
	AnsaroulIslam GroupParams `toml:"ansaroul_islam"`
	AQIMSahara    GroupParams `toml:"aqim_sahara"`
	AlMourabitoun GroupParams `toml:"al_mourabitoun"`
	ISGS          GroupParams `toml:"isgs"`
}

// NumGroups is the number of component groups.
const NumGroups = 7

// GroupIDs are the scenario ids of the groups, in index order.
var GroupIDs = [NumGroups]string{"flm", "ansar_dine", "katiba_serma", "ansaroul_islam", "aqim_sahara", "al_mourabitoun", "isgs"}

// Group indices.
const (
	FLM = iota
	AnsarDine
	KatibaSerma
	AnsaroulIslam
	AQIMSahara
	AlMourabitoun
	ISGS
)

// List returns pointers to the groups' parameters in index order.
func (g *Groups) List() [NumGroups]*GroupParams {
	return [NumGroups]*GroupParams{&g.FLM, &g.AnsarDine, &g.KatibaSerma, &g.AnsaroulIslam, &g.AQIMSahara, &g.AlMourabitoun, &g.ISGS}
}

// GroupParams describes one component group: its identity, leadership,
// aims, tactics, territory, recruitment, money and cohesion.
type GroupParams struct {
	Label     string `toml:"label" doc:"display name"`
	Coalition string `toml:"coalition" doc:"coalition it belongs to (\"JNIM\") or empty" enum:"|JNIM"`
	Fighters  int    `toml:"fighters" doc:"active fighters at the start" min:"0" max:"100000"`

	Leader          string   `toml:"leader" doc:"leader's name at the start"`
	LeaderKilled    sim.Date `toml:"leader_killed" doc:"date the leader is killed, if known (historical shock); empty = only emergent risk"`
	Succession      float64  `toml:"succession" doc:"probability that a killed leader is replaced" min:"0" max:"1"`
	SuccessionWeeks int      `toml:"succession_weeks" doc:"weeks of churn before a successor takes over" unit:"weeks" min:"0" max:"520"`

	Political float64 `toml:"political" doc:"aims: 1 purely political (influence, negotiation), 0 purely religious and social change" min:"0" max:"1"`

	Tempo     float64 `toml:"tempo" doc:"violent events per active fighter per year at full opportunity" unit:"1/year" min:"0" max:"10"`
	Civilians float64 `toml:"civilians" doc:"propensity to target civilians (relative weight)" min:"0" max:"10"`
	Leaders   float64 `toml:"leaders" doc:"propensity to kill local leaders and imams who oppose it (relative weight)" min:"0" max:"10"`
	Security  float64 `toml:"security" doc:"propensity to attack security forces (relative weight)" min:"0" max:"10"`
	Explosive float64 `toml:"explosive" doc:"propensity to lay explosive devices on roads (relative weight)" min:"0" max:"10"`
	Kidnap    float64 `toml:"kidnap" doc:"propensity to kidnap for ransom (relative weight)" min:"0" max:"10"`
	Rivals    float64 `toml:"rivals" doc:"propensity to fight rival groups met in the same area (relative weight)" min:"0" max:"10"`
	Claims    float64 `toml:"claims" doc:"share of its events it claims" min:"0" max:"1"`
	Lethality float64 `toml:"lethality" doc:"multiplier of the mean fatalities of its attacks" min:"0" max:"10"`

	Areas       []string   `toml:"areas" doc:"admin-1 regions of its historical area of influence"`
	Home        [2]float64 `toml:"home" doc:"centre of its historical area (latitude, longitude)" unit:"degrees"`
	HomeKm      float64    `toml:"home_km" doc:"radius of its historical area around home" unit:"km" min:"10" max:"2000"`
	Recruit     float64    `toml:"recruit" doc:"recruits per active fighter per year in a fully aggrieved, densely populated community" unit:"1/year" min:"0" max:"100"`
	Outside     float64    `toml:"outside" doc:"recruitment outside its historical areas, relative to inside" min:"0" max:"1"`
	Ideological float64    `toml:"ideological" doc:"share of recruits whose commitment is ideological rather than material" min:"0" max:"1"`
	Mobility    float64    `toml:"mobility" doc:"distance a fighter may cover in a week when moving" unit:"km/week" min:"0" max:"500"`
	Expansion   float64    `toml:"expansion" doc:"pull of opportunity (gold, routes, population) against the pull of home, when moving" min:"0" max:"10"`

	Treasury   float64 `toml:"treasury" doc:"money at the start" unit:"USD" min:"0"`
	Upkeep     float64 `toml:"upkeep" doc:"cost of one active fighter per year" unit:"USD/year" min:"0"`
	Transit    float64 `toml:"transit" doc:"share of a controlled route's value it extorts" min:"0" max:"1"`
	Mining     float64 `toml:"mining" doc:"share of a controlled mining area's value it takes" min:"0" max:"1"`
	Zakat      float64 `toml:"zakat" doc:"zakat and grazing tax per governed inhabitant per year" unit:"USD/year" min:"0"`
	Ransom     float64 `toml:"ransom" doc:"mean ransom per kidnapping" unit:"USD" min:"0"`
	Governance float64 `toml:"governance" doc:"drive to impose its courts and zakat where it controls a community" min:"0" max:"1"`

	Cohesion   float64 `toml:"cohesion" doc:"internal cohesion at the start and in calm times" min:"0" max:"1"`
	Dissension float64 `toml:"dissension" doc:"sensitivity of cohesion to disputes over grazing taxes and loot" min:"0" max:"1"`
	Negotiate  float64 `toml:"negotiate" doc:"willingness to negotiate with governments" min:"0" max:"1"`
}

// FighterParams are the rules shared by all fighters.
type FighterParams struct {
	Defection  float64 `toml:"defection" doc:"weekly probability that an uncommitted fighter of a fully incohesive group defects" unit:"1/week" min:"0" max:"1"`
	Realign    float64 `toml:"realign" doc:"share of defectors who join another group present in their area" min:"0" max:"1"`
	Criminal   float64 `toml:"criminal" doc:"share of materially motivated defectors who turn to crime near routes and mines" min:"0" max:"1"`
	Recidivism float64 `toml:"recidivism" doc:"weekly probability that a fighter who blended back into a community returns to a group" unit:"1/week" min:"0" max:"1"`
	Pressure   float64 `toml:"pressure" doc:"how much security-force pressure in a cell raises defection and flight" min:"0" max:"10"`
	MoveShare  float64 `toml:"move_share" doc:"share of fighters reconsidering their position each week" min:"0" max:"1"`
	BandSize   float64 `toml:"band_size" doc:"fighters at which a band reaches full striking capacity" min:"1"`
}

// CommunityParams are the rules of communities.
type CommunityParams struct {
	Grievance      float64 `toml:"grievance" doc:"grievance at the start (0..1)" min:"0" max:"1"`
	GrievanceDecay float64 `toml:"grievance_decay" doc:"weekly decay of grievance towards its start level" min:"0" max:"1"`
	FearDecay      float64 `toml:"fear_decay" doc:"weekly decay of fear" min:"0" max:"1"`
	StigmaDecay    float64 `toml:"stigma_decay" doc:"weekly decay of stigmatisation" min:"0" max:"1"`
	ReprisalHarm   float64 `toml:"reprisal_harm" doc:"grievance and stigmatisation added by a reprisal or blunt operation" min:"0" max:"1"`
	AttackFear     float64 `toml:"attack_fear" doc:"fear added by an attack on civilians" min:"0" max:"1"`
	LeadersPer     float64 `toml:"leaders_per" doc:"local leaders and imams per 10,000 inhabitants" min:"0"`
	Militia        float64 `toml:"militia" doc:"weekly growth of self-defence militias where fear is high and the state absent" min:"0" max:"1"`
	Displacement   float64 `toml:"displacement" doc:"weekly share of a community displaced per unit of fear above the threshold" min:"0" max:"1"`
	FearThreshold  float64 `toml:"fear_threshold" doc:"fear above which people flee" min:"0" max:"1"`
	Return         float64 `toml:"return" doc:"weekly share of the displaced who return where fear has fallen" min:"0" max:"1"`
	Resistance     float64 `toml:"resistance" doc:"how much community opposition (militias, support for the state) provokes attacks on civilians" min:"0" max:"10"`
}

// Forces holds the security forces: one table per kind of force.
type Forces struct {
	MaliArmy      ForceParams `toml:"mali_army"`
	BurkinaArmy   ForceParams `toml:"burkina_army"`
	NigerArmy     ForceParams `toml:"niger_army"`
	International ForceParams `toml:"international"`
	Militias      ForceParams `toml:"militias"`
	// Response shared rules.
	Presence     float64 `toml:"presence" doc:"soldiers in a cell for full government presence" min:"1"`
	Sustained    int     `toml:"sustained" doc:"weeks of continuous presence that count as sustained" unit:"weeks" min:"1" max:"520"`
	Reach        float64 `toml:"reach" doc:"distance within which a unit responds to events" unit:"km" min:"0"`
	Lethality    float64 `toml:"lethality" doc:"share of a band hit by a targeted operation" min:"0" max:"1"`
	Blunt        float64 `toml:"blunt" doc:"share of fighters hit by an area sweep, relative to a targeted operation" min:"0" max:"1"`
	Collateral   float64 `toml:"collateral" doc:"civilians killed per blunt sweep (mean)" min:"0"`
	Capture      float64 `toml:"capture" doc:"share of fighters hit who are captured rather than killed" min:"0" max:"1"`
	Decapitation float64 `toml:"decapitation" doc:"probability that a targeted operation against a group's home area kills its leader" min:"0" max:"1"`
}

// Force kinds.
const (
	National      = "national"
	International = "international"
	Auxiliary     = "auxiliary"
)

// Postures of security forces.
const (
	Blunt          = "blunt"
	Discriminating = "discriminating"
	Protective     = "protective"
)

// ForceParams describes one kind of security force.
type ForceParams struct {
	Label        string   `toml:"label" doc:"display name"`
	Kind         string   `toml:"kind" doc:"national army, international force or auxiliaries and militias" enum:"national|international|auxiliary"`
	Countries    []string `toml:"countries" doc:"countries it operates in (ISO 3166-1 alpha-3)"`
	Zones        []string `toml:"zones" doc:"zones it is deployed to (empty: all of its countries)"`
	Units        int      `toml:"units" doc:"number of units" min:"0" max:"10000"`
	Strength     int      `toml:"strength" doc:"soldiers per unit" min:"0" max:"100000"`
	Posture      string   `toml:"posture" doc:"how it responds to events it cannot attribute" enum:"blunt|discriminating|protective"`
	Intelligence float64  `toml:"intelligence" doc:"capacity to identify which group did what, where it is" min:"0" max:"1"`
	Mobility     float64  `toml:"mobility" doc:"distance a unit moves in a week" unit:"km/week" min:"0"`
}

// AttributionParams set how events get their observed label.
type AttributionParams struct {
	Base     float64 `toml:"base" doc:"probability that an unclaimed event is traced to its component group without intelligence" min:"0" max:"1"`
	Sharing  float64 `toml:"sharing" doc:"share of intelligence that is shared between forces and governments" min:"0" max:"1"`
	Generic  float64 `toml:"generic" doc:"probability that an untraced event in a JNIM area is labelled \"JNIM\" rather than unknown" min:"0" max:"1"`
	Accuracy float64 `toml:"accuracy" doc:"probability that a traced event names the right group (otherwise the strongest group nearby)" min:"0" max:"1"`
}

// IllicitParams set the illicit economy: routes and mining sites.
type IllicitParams struct {
	Trafficking float64 `toml:"trafficking" doc:"value moved along a trafficking corridor per year" unit:"USD/year" min:"0"`
	Road        float64 `toml:"road" doc:"value of commerce along a main road per year" unit:"USD/year" min:"0"`
	GoldKg      float64 `toml:"gold_kg" doc:"artisanal gold output of one mining area at full intensity" unit:"kg/year" min:"0"`
	GoldPrice   float64 `toml:"gold_price" doc:"price of gold" unit:"USD/kg" min:"0"`
	Recovery    float64 `toml:"recovery" doc:"weekly recovery of a network's health" min:"0" max:"1"`
	Switch      float64 `toml:"switch" doc:"presence ratio at which a network changes its allied group" min:"1"`
}

// Policy holds the report's recommendations as levers. A lever is off
// (nil) unless its table is present in the scenario.
type Policy struct {
	Disaggregation      *Disaggregation      `toml:"disaggregation"`
	Counterinsurgency   *Counterinsurgency   `toml:"counterinsurgency"`
	IllicitNetworks     *IllicitNetworks     `toml:"illicit_networks"`
	CommunityProtection *CommunityProtection `toml:"community_protection"`
	PoliticalSettlement *PoliticalSettlement `toml:"political_settlement"`
	Reintegration       *Reintegration       `toml:"reintegration"`
}

// Lever holds what every lever has: when, where, to whom and how hard.
type Lever struct {
	Start     sim.Date `toml:"start" doc:"first day the lever acts"`
	End       sim.Date `toml:"end" doc:"last day it acts (empty: to the end)"`
	Zones     []string `toml:"zones" doc:"zones where it applies (empty: everywhere)"`
	Groups    []string `toml:"groups" doc:"groups it targets (empty: all)"`
	Intensity float64  `toml:"intensity" doc:"how hard it is pushed" min:"0" max:"1"`
}

// Disaggregation: intelligence gathering and sharing raise correct
// attribution, which lets forces respond to the group that acted.
type Disaggregation struct {
	Lever
	Gathering float64 `toml:"gathering" doc:"intelligence added to forces in the zones at full intensity" min:"0" max:"1"`
	Sharing   float64 `toml:"sharing" doc:"intelligence sharing added at full intensity" min:"0" max:"1"`
}

// Counterinsurgency: sustained presence in key cells of central Mali and
// northern Burkina Faso, interdiction of movement between them, and
// cutting off southwestern Burkina Faso.
type Counterinsurgency struct {
	Lever
	Units        int      `toml:"units" doc:"units added at full intensity" min:"0" max:"10000"`
	Strength     int      `toml:"strength" doc:"soldiers per added unit" min:"0"`
	Posture      string   `toml:"posture" doc:"posture of the added units" enum:"blunt|discriminating|protective"`
	Interdiction float64  `toml:"interdiction" doc:"probability at full intensity that a fighter's move between the zones is stopped" min:"0" max:"1"`
	CutOff       []string `toml:"cut_off" doc:"zones whose fighters are cut off from the rest (moves in or out interdicted)"`
}

// IllicitNetworks: law enforcement against the routes and mining sites
// allied with the targeted groups, which also costs their leaders standing.
type IllicitNetworks struct {
	Lever
	Enforcement float64 `toml:"enforcement" doc:"weekly loss of health of an allied network at full intensity" min:"0" max:"1"`
	Standing    float64 `toml:"standing" doc:"weekly loss of the allied leader's cohesion at full intensity while the networks are hit" min:"0" max:"1"`
}

// CommunityProtection: sustained government presence in contested
// communities, protection of local leaders and regularised artisanal mining.
type CommunityProtection struct {
	Lever
	Units       int     `toml:"units" doc:"protective units added at full intensity" min:"0" max:"10000"`
	Strength    int     `toml:"strength" doc:"soldiers per added unit" min:"0"`
	LeaderGuard float64 `toml:"leader_guard" doc:"share of attacks on protected local leaders foiled at full intensity" min:"0" max:"1"`
	Regularise  float64 `toml:"regularise" doc:"share of militant mining revenue lost where mining is regularised, at full intensity" min:"0" max:"1"`
}

// PoliticalSettlement: negotiations that may lead a group to settle,
// and split those who want an agreement from its hardliners.
type PoliticalSettlement struct {
	Lever
	Talks     float64 `toml:"talks" doc:"weekly probability at full intensity and full willingness that talks produce a settlement" min:"0" max:"1"`
	Ceasefire float64 `toml:"ceasefire" doc:"reduction of the settled group's violence against the state and civilians" min:"0" max:"1"`
	Split     float64 `toml:"split" doc:"share of ideologically committed fighters who break away when their group settles" min:"0" max:"1"`
}

// Reintegration: pathways out for lower-level fighters, amnesty and
// community involvement.
type Reintegration struct {
	Lever
	Capacity   int     `toml:"capacity" doc:"places in reintegration programmes at full intensity" min:"0"`
	Amnesty    float64 `toml:"amnesty" doc:"credibility of the amnesty: how much it raises defection" min:"0" max:"10"`
	Acceptance float64 `toml:"acceptance" doc:"community acceptance of returning fighters" min:"0" max:"1"`
	Weeks      int     `toml:"weeks" doc:"length of the programme" unit:"weeks" min:"1" max:"520"`
}
